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

    /** The record a Kafka consumer returned, headers as UTF-8 text (the last value of each key). */
    public static KafkaRecord from(org.apache.kafka.clients.consumer.ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        for (org.apache.kafka.common.header.Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new KafkaRecord(r.topic(), r.partition(), r.offset(), r.key(), r.value(), headers,
                Instant.ofEpochMilli(r.timestamp()));
    }

    /** The value as UTF-8 text (snapstream's {@code msg.value().decode()}). */
    public String text() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /**
     * The value decoded by {@code codec}. Use it in a {@code map} with a dead-letter error policy:
     * a record that cannot be decoded goes to the dead letters, named by topic, partition and
     * offset, and the pipeline goes on (its offset is committed with the others).
     *
     * @throws dev.sluice.CodecException naming {@code topic-partition@offset} and the reason
     */
    public <T> T value(dev.sluice.Codec<T> codec) {
        if (value == null) {
            throw new dev.sluice.CodecException(this + ": a tombstone (null value) cannot be decoded as " + codec.name(),
                    null);
        }
        try {
            return codec.decode(value);
        } catch (RuntimeException e) {
            throw new dev.sluice.CodecException(this + ": cannot decode as " + codec.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
