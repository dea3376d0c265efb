package dev.sluice.log.kafka;

import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Log entries to Kafka records and back; timestamps keep Kafka's millisecond precision. */
final class RecordFormat {
    private static final byte[] EMPTY = new byte[0];

    private RecordFormat() {}

    static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, int partition, LogEntry e) {
        RecordHeaders headers = new RecordHeaders();
        e.headers().forEach((k, v) -> headers.add(k, v.getBytes(StandardCharsets.UTF_8)));
        Long at = e.timestamp() == null ? null : e.timestamp().toEpochMilli();
        return new ProducerRecord<>(topic, partition, at, e.key(), e.payload(), headers);
    }

    static LogRecord toLogRecord(ConsumerRecord<byte[], byte[]> r) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header h : r.headers()) {
            headers.put(h.key(), h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return new LogRecord(KafkaStorage.position(r.partition(), r.offset()), r.key(),
                r.value() == null ? EMPTY : r.value(), headers, Instant.ofEpochMilli(r.timestamp()));
    }

    /** What a record counts for in retention by size: key, payload and header text. */
    static long bytes(LogRecord r) {
        long n = r.payload().length + (r.key() == null ? 0 : r.key().length);
        for (Map.Entry<String, String> e : r.headers().entrySet()) {
            n += e.getKey().length() + e.getValue().length();
        }
        return n;
    }
}
