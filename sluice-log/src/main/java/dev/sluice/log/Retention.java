package dev.sluice.log;

import java.time.Duration;

/**
 * What housekeeping may delete from a stream. The default keeps everything. Limits combine:
 * a record is deleted when any enabled rule allows it.
 *
 * <ul>
 *   <li>{@code dropProcessed}: records every consumer group has processed (a stream without
 *       groups keeps everything under this rule).</li>
 *   <li>{@code maxAge}: records older than this, <em>even if a group has not processed them</em> —
 *       the one rule that may lose unprocessed data, as its name says.</li>
 *   <li>{@code maxBytes}: the oldest records beyond this size, but never records a group has not
 *       processed.</li>
 * </ul>
 *
 * @param dropProcessed delete what every group has processed
 * @param maxAge delete records older than this; null for no age limit
 * @param maxBytes keep at most this many bytes of processed records; 0 for no size limit
 */
public record Retention(boolean dropProcessed, Duration maxAge, long maxBytes) {
    /** Validates. */
    public Retention {
        if (maxAge != null && (maxAge.isNegative() || maxAge.isZero())) {
            throw new IllegalArgumentException("maxAge must be positive: " + maxAge);
        }
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must not be negative: " + maxBytes);
        }
    }

    /** Keep everything (the default). */
    public static Retention keepAll() {
        return new Retention(false, null, 0);
    }

    /** Delete what every group has processed. */
    public static Retention dropWhenProcessed() {
        return new Retention(true, null, 0);
    }

    /** This rule plus a maximum age. */
    public Retention withMaxAge(Duration age) {
        return new Retention(dropProcessed, age, maxBytes);
    }

    /** This rule plus a maximum size. */
    public Retention withMaxBytes(long bytes) {
        return new Retention(dropProcessed, maxAge, bytes);
    }
}
