package dev.sluice.files;

import java.nio.file.Path;

/**
 * One line of a text file, with where it came from, so that an error can name file and line. It
 * prints as its text, so that a text sink or {@code print} writes the line itself.
 *
 * @param file the file
 * @param number 1-based line number
 * @param text the line without its terminator
 */
public record Line(Path file, long number, String text) implements dev.sluice.Located {
    /** {@code file:number}, for messages. */
    @Override
    public String where() {
        return file + ":" + number;
    }

    /** The text of the line. */
    @Override
    public String toString() {
        return text;
    }
}
