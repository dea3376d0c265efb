package dev.sluice;

import java.time.Duration;

/**
 * {@link Pipe#rateLimit}: at most one item per interval. Waits on the pipeline clock in the
 * pushing thread, so the limit is felt all the way up to the source.
 */
final class RateLimitStage<T> extends Stage<T, T> {
    private final long intervalNanos;
    private long nextAllowed = Long.MIN_VALUE;

    RateLimitStage(Stage<?, T> up, Duration interval) {
        super(up.pipeline, "rateLimit", up.domain);
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        this.intervalNanos = interval.toNanos();
    }

    @Override
    void onNext(T item) {
        in++;
        long now = pipeline.clock().nanoTime();
        if (nextAllowed != Long.MIN_VALUE && now < nextAllowed) {
            try {
                pipeline.clock().sleep(Duration.ofNanos(nextAllowed - now));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw Signal.CLOSED;
            }
            now = Math.max(nextAllowed, pipeline.clock().nanoTime());
        }
        nextAllowed = now + intervalNanos;
        push(item);
    }
}
