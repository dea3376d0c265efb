package dev.sluice;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a node does when its function throws. Set per node with {@link Pipe#errorPolicy}.
 * Every outcome is counted in the node's {@link NodeSnapshot}: nothing is dropped silently.
 *
 * <ul>
 *   <li>{@link #fail()} (the default): the pipeline fails; the emitting thread and
 *       {@link Pipeline#await()} get a {@link PipelineException} naming the node and the item.</li>
 *   <li>{@link #skip()}: the item is dropped and counted as skipped.</li>
 *   <li>{@link #retry}: the function is called again after a backoff that doubles up to a
 *       bound; when the attempts run out, the {@code exhausted} policy decides.</li>
 *   <li>{@link #deadLetter}: the item and its exception go to a sink as a {@link DeadLetter}.</li>
 * </ul>
 */
public sealed interface ErrorPolicy {

    /** Fail the pipeline on the first error. */
    static ErrorPolicy fail() {
        return Fail.INSTANCE;
    }

    /** Drop the failed item and count it. */
    static ErrorPolicy skip() {
        return Skip.INSTANCE;
    }

    /** Hand the failed item and its exception to {@code sink}, then go on. */
    static ErrorPolicy deadLetter(Consumer<? super DeadLetter> sink) {
        return new ToDeadLetter(sink);
    }

    /**
     * Try the item up to {@code maxAttempts} times in all, waiting {@code initialBackoff},
     * then twice as long each time up to {@code maxBackoff}; then apply {@code exhausted}.
     * Waiting uses the pipeline's clock and blocks the node's thread (backpressure).
     */
    static ErrorPolicy retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, ErrorPolicy exhausted) {
        return new Retry(maxAttempts, initialBackoff, maxBackoff, exhausted);
    }

    /** Fails the pipeline. */
    record Fail() implements ErrorPolicy {
        static final Fail INSTANCE = new Fail();
    }

    /** Skips and counts. */
    record Skip() implements ErrorPolicy {
        static final Skip INSTANCE = new Skip();
    }

    /** Sends to a dead-letter sink. @param sink receives each failed item */
    record ToDeadLetter(Consumer<? super DeadLetter> sink) implements ErrorPolicy {
        /** Checks the sink is not null. */
        public ToDeadLetter {
            Objects.requireNonNull(sink, "sink");
        }
    }

    /**
     * Retries with bounded exponential backoff.
     *
     * @param maxAttempts attempts in all, including the first; at least 1
     * @param initialBackoff wait before the second attempt
     * @param maxBackoff the longest wait between attempts
     * @param exhausted what to do when every attempt failed; not another retry
     */
    record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff, ErrorPolicy exhausted)
            implements ErrorPolicy {
        /** Validates the bounds. */
        public Retry {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
            }
            Objects.requireNonNull(initialBackoff, "initialBackoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(exhausted, "exhausted");
            if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
                throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
            }
            if (exhausted instanceof Retry) {
                throw new IllegalArgumentException("exhausted policy cannot be another retry");
            }
        }
    }
}
