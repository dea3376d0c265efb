package dev.sluice.files;

import java.nio.file.Path;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * One CSV record: values by column name, in column order, typed as the parser was told.
 *
 * @param file the file it came from
 * @param line the line the record starts on (a quoted field may span lines)
 * @param values column name to value: a String, or what the column's converter made of it
 */
public record CsvRow(Path file, long line, Map<String, Object> values) {

    /** The value of {@code column}. @throws NoSuchElementException for an unknown column */
    @SuppressWarnings("unchecked")
    public <T> T get(String column) {
        if (!values.containsKey(column)) {
            throw new NoSuchElementException("no column '" + column + "' in " + file + ":" + line
                    + "; columns are " + values.keySet());
        }
        return (T) values.get(column);
    }

    /** The values as a JSON object, so that a sink writing text writes a row other tools can read. */
    @Override
    public String toString() {
        return dev.sluice.Row.json(values);
    }
}
