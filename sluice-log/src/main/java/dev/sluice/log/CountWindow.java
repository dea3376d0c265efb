package dev.sluice.log;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** {@link WindowStrategy#count}. */
final class CountWindow implements WindowStrategy {
    private final int n;

    CountWindow(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("window size must be positive: " + n);
        }
        this.n = n;
    }

    @Override
    public Optional<Window> ready(List<LogRecord> pending, Instant now) {
        return pending.size() < n ? Optional.empty() : Optional.of(Window.of(pending.subList(0, n)));
    }

    @Override
    public String toString() {
        return "CountWindow(" + n + ")";
    }
}
