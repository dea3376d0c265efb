package dev.sluice;

import dev.sluice.time.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link Pipe#timedWindow}: every interval from the pipeline's start, emits what arrived since the
 * last tick (possibly nothing). Ticks are at fixed rate on the pipeline clock, so a slow tick does
 * not shift the ones after it. Completion emits a non-empty remainder.
 */
final class TimedWindowStage<T> extends Stage<T, List<T>> {
    private final long intervalNanos;
    private List<T> buffer = new ArrayList<>();
    private long nextTick;
    private Cancellable timer;

    TimedWindowStage(Stage<?, T> up, Duration interval) {
        super(up.pipeline, "timedWindow", up.domain);
        if (interval.toNanos() <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.intervalNanos = interval.toNanos();
        domain.markShared();
    }

    @Override
    void onStart() {
        nextTick = pipeline.clock().nanoTime() + intervalNanos;
        timer = pipeline.schedule(Duration.ofNanos(intervalNanos), () -> runTimed(this::tick));
    }

    private void tick() {
        List<T> batch = buffer;
        buffer = new ArrayList<>();
        nextTick += intervalNanos;
        long delay = Math.max(0, nextTick - pipeline.clock().nanoTime());
        timer = pipeline.schedule(Duration.ofNanos(delay), () -> runTimed(this::tick));
        push(List.copyOf(batch));
    }

    @Override
    void onNext(T item) {
        in++;
        buffer.add(item);
    }

    @Override
    void beforeComplete() {
        if (!buffer.isEmpty()) {
            List<T> rest = buffer;
            buffer = new ArrayList<>();
            push(List.copyOf(rest));
        }
    }

    @Override
    void release() {
        if (timer != null) {
            timer.cancel();
        }
    }

    @Override
    int depth() {
        return buffer.size();
    }

    @Override
    String notCheckpointable() {
        return "a timed window holds items until its interval ends, which a checkpoint does not keep yet";
    }
}
