package dev.sluice.log;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * A record to append: its position is assigned by the storage.
 *
 * @param key optional key, may be null
 * @param payload the bytes; never null
 * @param headers string headers, never null
 * @param timestamp when the record was produced
 */
public record LogEntry(byte[] key, byte[] payload, Map<String, String> headers, Instant timestamp) {
    /** Checks the fields and copies the headers. */
    public LogEntry {
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(timestamp, "timestamp");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    /** An entry with just a payload, stamped now. */
    public static LogEntry of(byte[] payload) {
        return new LogEntry(null, payload, Map.of(), Instant.now());
    }

    /** An entry with UTF-8 text, stamped now. */
    public static LogEntry of(String text) {
        return of(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
