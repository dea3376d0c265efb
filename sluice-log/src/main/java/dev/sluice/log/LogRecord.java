package dev.sluice.log;

import java.time.Instant;
import java.util.Map;

/**
 * A record as stored: an {@link Entry} with its position in the stream.
 *
 * @param position unique in the stream, growing in append order (gap-free in the embedded log)
 * @param key optional key, may be null
 * @param payload the bytes
 * @param headers string headers
 * @param timestamp when it was produced
 */
public record LogRecord(long position, byte[] key, byte[] payload, Map<String, String> headers, Instant timestamp) {

    /** The payload as UTF-8 text. */
    public String text() {
        return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "LogRecord[" + position + " @" + timestamp + " " + payload.length + " bytes]";
    }
}
