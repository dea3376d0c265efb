package dev.sluice;

/** Bytes that a {@link Codec} cannot decode (or a value it cannot encode), with the reason. */
public final class CodecException extends RuntimeException {
    /** @param message what is wrong @param cause the parser's exception, if any */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
