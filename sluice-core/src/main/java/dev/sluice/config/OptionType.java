package dev.sluice.config;

/** The type of a node option, as written in a pipeline file. */
public enum OptionType {
    /** Text. */
    STRING,
    /** A whole number. */
    INT,
    /** A decimal number. */
    DOUBLE,
    /** true or false. */
    BOOLEAN,
    /** A duration: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT2S}). */
    DURATION,
    /** A file system path. */
    PATH,
    /** One character. */
    CHAR
}
