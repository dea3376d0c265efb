package dev.sluice;

/**
 * The outcome of {@link Source#tryEmit(Object)}: a value, not an exception, because a full
 * queue is an ordinary event under load.
 */
public enum EmitResult {
    /** The item was accepted and will be processed. */
    ACCEPTED,
    /** The source's queue is full; nothing was done. Retry later or use {@link Source#emit}. */
    FULL,
    /** The source is completed, stopped, cancelled or failed; the item was not accepted. */
    CLOSED
}
