package dev.sluice.log;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link WindowStrategy#fixedTime}. A record stamped before the end of the last emitted window
 * (a straggler from a slow producer) goes into the next window rather than being lost.
 */
final class FixedTimeWindow implements WindowStrategy {
    private final long interval;
    private final boolean emitEmpty;
    private long lastEnd = Long.MIN_VALUE;

    FixedTimeWindow(Duration interval, boolean emitEmpty) {
        if (interval.toMillis() <= 0) {
            throw new IllegalArgumentException("interval must be at least 1 ms: " + interval);
        }
        this.interval = interval.toMillis();
        this.emitEmpty = emitEmpty;
    }

    @Override
    public Optional<Window> ready(List<LogRecord> pending, Instant now) {
        long t = now.toEpochMilli();
        long start;
        if (pending.isEmpty()) {
            if (!emitEmpty || lastEnd == Long.MIN_VALUE) {
                return Optional.empty();
            }
            start = lastEnd;
        } else {
            long first = pending.get(0).timestamp().toEpochMilli();
            start = first - Math.floorMod(first, interval);
            if (lastEnd != Long.MIN_VALUE && start < lastEnd) {
                start = lastEnd;
            }
            if (emitEmpty && lastEnd != Long.MIN_VALUE && start > lastEnd) {
                start = lastEnd; // an empty window for the gap first
            }
        }
        long end = start + interval;
        if (t < end) {
            return Optional.empty();
        }
        List<LogRecord> in = new ArrayList<>();
        for (LogRecord r : pending) {
            if (r.timestamp().toEpochMilli() < end) {
                in.add(r);
            }
        }
        return Optional.of(new Window(in, Instant.ofEpochMilli(start), Instant.ofEpochMilli(end)));
    }

    @Override
    public void processed(Window window) {
        lastEnd = window.end().toEpochMilli();
    }
}
