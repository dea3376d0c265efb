package dev.sluice;

/**
 * An item that knows where it came from, such as a line of a file ({@code dev.sluice.files.Line}),
 * so that an error about it says where: a pipeline's failure and a dead letter's reason start
 * with {@link #where()} ({@code readings.csv:902: column celsius: ...}).
 */
public interface Located {
    /** Where the item came from, as {@code file:line}. */
    String where();
}
