package dev.sluice;

import java.time.Instant;

/**
 * An item a node could not process, with the reason, as handed to the sink of
 * {@link ErrorPolicy#deadLetter}.
 *
 * @param node the name of the node that failed
 * @param item the input item the node was processing
 * @param error the exception its function threw (the last one, after retries)
 * @param attempts how many times the node tried the item
 * @param at when the item was given up, on the pipeline's clock
 */
public record DeadLetter(String node, Object item, Throwable error, int attempts, Instant at) {

    /**
     * Why the node gave up: the error's message, after the item's place when the item is
     * {@link Located} ({@code readings.csv:902: ...}) and the message does not say it already.
     */
    public String reason() {
        return PipelineException.reason(error, item);
    }

    /** One line for logs: node, reason and the item. */
    public String describe() {
        return "node '" + node + "' gave up on " + PipelineException.preview(item) + " after " + attempts
                + " attempt(s): " + reason();
    }
}
