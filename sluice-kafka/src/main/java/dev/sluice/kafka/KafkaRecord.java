package dev.sluice.kafka;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A record read from a topic.
 *
 * @param topic topic name
 * @param partition partition
 * @param offset offset in the partition
 * @param key key bytes, or null
 * @param value value bytes, or null for a tombstone
 * @param headers headers (last value per key), as UTF-8 text
 * @param timestamp the record's timestamp
 */
public record KafkaRecord(String topic, int partition, long offset, byte[] key, byte[] value,
        Map<String, String> headers, Instant timestamp) {

    /** The value as UTF-8 text (snapstream's {@code msg.value().decode()}). */
    public String text() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
