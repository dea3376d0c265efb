package dev.sluice;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** The {@link WindowedPipe} builder: collects time settings, then creates a {@link WindowStage}. */
final class WindowConfig<K, T> implements WindowedPipe<K, T> {
    final Stage<?, T> upstream;
    final Function<? super T, ? extends K> key;
    final WindowSpec spec;
    ToLongFunction<? super T> eventTime;
    long maxOutOfOrderMillis;
    long latenessMillis;

    WindowConfig(Stage<?, T> upstream, Function<? super T, ? extends K> key, WindowSpec spec) {
        this.upstream = upstream;
        this.key = key;
        this.spec = Objects.requireNonNull(spec, "spec");
    }

    @Override
    public WindowedPipe<K, T> eventTime(ToLongFunction<? super T> timestampMillis, Duration maxOutOfOrderness) {
        this.eventTime = Objects.requireNonNull(timestampMillis, "timestampMillis");
        if (maxOutOfOrderness.isNegative()) {
            throw new IllegalArgumentException("maxOutOfOrderness must not be negative");
        }
        this.maxOutOfOrderMillis = maxOutOfOrderness.toMillis();
        return this;
    }

    @Override
    public WindowedPipe<K, T> allowedLateness(Duration lateness) {
        if (lateness.isNegative()) {
            throw new IllegalArgumentException("lateness must not be negative");
        }
        this.latenessMillis = lateness.toMillis();
        return this;
    }

    @Override
    public <A, R> Aggregated<K, T, R> aggregate(Aggregator<? super T, A, R> aggregator) {
        if (eventTime == null && latenessMillis > 0) {
            throw new IllegalStateException("allowedLateness needs eventTime(...): processing time is never late");
        }
        WindowStage<K, T, A, R> stage = upstream.attach(new WindowStage<>(this, aggregator));
        stage.installLateOutput();
        return stage;
    }
}
