package dev.sluice;

import java.time.Duration;

/**
 * {@link Pipe#delay}: each item goes on {@code interval} after it arrived, from the pipeline's
 * timer. Order is kept (timers due at the same time run in scheduling order). Completion waits
 * for the delayed items. Delayed items are held in memory without bound; put a
 * {@link Pipe#rateLimit} or a {@link Pipe#buffer} upstream to bound them.
 */
final class DelayStage<T> extends Stage<T, T> {
    private final Duration interval;
    private int pending;
    private boolean completing;

    DelayStage(Stage<?, T> up, Duration interval) {
        super(up.pipeline, "delay", up.domain);
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        this.interval = interval;
        domain.markShared();
    }

    @Override
    void onNext(T item) {
        in++;
        pending++;
        pipeline.schedule(interval, () -> runTimed(() -> deliver(item)));
    }

    private void deliver(T item) {
        pending--;
        push(item);
        if (completing && pending == 0) {
            finish();
        }
    }

    @Override
    void onComplete() {
        if (--openInputs > 0) {
            return;
        }
        if (pending > 0) {
            completing = true;
        } else {
            finish();
        }
    }

    @Override
    int depth() {
        return pending;
    }

    // items leave in arrival order, so a marker waits until as many have left as had arrived
    @Override
    long holdTag() {
        return in;
    }

    @Override
    boolean stillHolds(long tag) {
        return in - pending < tag;
    }

    @Override
    String notCheckpointable() {
        return "a delay holds items until they are due, which a checkpoint does not keep yet";
    }
}
