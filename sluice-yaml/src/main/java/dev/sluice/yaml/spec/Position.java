package dev.sluice.yaml.spec;

/**
 * Where something was written: a file, a 1-based line and column. Messages start with it, as
 * compilers' do, so that editors can jump there.
 *
 * @param file the file, as given
 * @param line 1-based line
 * @param column 1-based column
 */
public record Position(String file, int line, int column) {
    /** Nowhere in particular: for nodes made by code rather than read from a file. */
    public static final Position NONE = new Position("", 0, 0);

    /** {@code file:line:column}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
