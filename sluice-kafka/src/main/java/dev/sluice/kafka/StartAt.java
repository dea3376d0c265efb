package dev.sluice.kafka;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Where a consumer group starts reading partitions it has no committed offset for (or all
 * partitions, for {@link #offsets} and {@link #timestamp}, which override committed offsets).
 */
public sealed interface StartAt {
    /** The oldest record still in the topic. */
    static StartAt earliest() {
        return Earliest.INSTANCE;
    }

    /** Only records produced from now on. */
    static StartAt latest() {
        return Latest.INSTANCE;
    }

    /** Given offsets, by partition number. */
    static StartAt offsets(Map<Integer, Long> offsets) {
        return new Offsets(Map.copyOf(offsets));
    }

    /** The first record at or after {@code time} in each partition. */
    static StartAt timestamp(Instant time) {
        return new Timestamp(Objects.requireNonNull(time, "time"));
    }

    /** See {@link #earliest()}. */
    record Earliest() implements StartAt {
        static final Earliest INSTANCE = new Earliest();
    }

    /** See {@link #latest()}. */
    record Latest() implements StartAt {
        static final Latest INSTANCE = new Latest();
    }

    /** See {@link #offsets}. @param offsets partition to offset */
    record Offsets(Map<Integer, Long> offsets) implements StartAt {}

    /** See {@link #timestamp}. @param time the instant */
    record Timestamp(Instant time) implements StartAt {}
}
