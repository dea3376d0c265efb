package dev.sluice.log;

/** A failure of the stream log's storage, with what was being done. */
public final class LogException extends RuntimeException {
    /** @param message what failed @param cause the storage's exception */
    public LogException(String message, Throwable cause) {
        super(message, cause);
    }
}
