package dev.sluice.files;

import java.nio.file.Path;

/**
 * One line of a text file, with where it came from, so that an error can name file and line.
 *
 * @param file the file
 * @param number 1-based line number
 * @param text the line without its terminator
 */
public record Line(Path file, long number, String text) {
    /** {@code file:number}, for messages. */
    public String where() {
        return file + ":" + number;
    }
}
