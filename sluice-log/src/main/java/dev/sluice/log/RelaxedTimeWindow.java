package dev.sluice.log;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link WindowStrategy#relaxedTime}. */
final class RelaxedTimeWindow implements WindowStrategy {
    private final Duration interval;
    private Instant last;

    RelaxedTimeWindow(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        this.interval = interval;
    }

    @Override
    public Optional<Window> ready(List<LogRecord> pending, Instant now) {
        if (last == null) {
            last = now;
        }
        if (now.isBefore(last.plus(interval))) {
            return Optional.empty();
        }
        if (pending.isEmpty()) {
            last = now;
            return Optional.empty();
        }
        return Optional.of(new Window(pending, last, now));
    }

    @Override
    public void processed(Window window) {
        last = window.end();
    }
}
