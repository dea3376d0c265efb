package dev.sluice.log;

import java.time.Instant;
import java.util.List;

/**
 * A mini-batch of records handed to a consumer's window function.
 *
 * @param records the records, in the order the strategy chose (position order for the built-ins)
 * @param start the window's start: its first record's time, or the aligned start for time windows
 * @param end the window's end (exclusive for time windows)
 */
public record Window(List<LogRecord> records, Instant start, Instant end) {
    /** Copies the list. */
    public Window {
        records = List.copyOf(records);
    }

    /** The payloads as UTF-8 text, in order. */
    public List<String> texts() {
        return records.stream().map(LogRecord::text).toList();
    }

    /** True when the window holds no record (fixed-time windows may emit empty ones). */
    public boolean isEmpty() {
        return records.isEmpty();
    }

    /** A window over {@code records}, from the first record's time to the last's. */
    public static Window of(List<LogRecord> records) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("use new Window(List.of(), start, end) for an empty window");
        }
        Instant first = records.get(0).timestamp();
        Instant last = first;
        for (LogRecord r : records) {
            first = r.timestamp().isBefore(first) ? r.timestamp() : first;
            last = r.timestamp().isAfter(last) ? r.timestamp() : last;
        }
        return new Window(records, first, last);
    }

    @Override
    public String toString() {
        return "Window[" + start + " " + records.size() + " record(s)]";
    }
}
