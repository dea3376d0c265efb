package dev.sluice.files;

/** A CSV record that cannot be parsed; the message starts with {@code file:line:}. */
public final class CsvException extends IllegalArgumentException {
    /** @param message where and what */
    public CsvException(String message) {
        super(message);
    }

    /** @param message where and what @param cause the converter's exception */
    public CsvException(String message, Throwable cause) {
        super(message, cause);
    }
}
