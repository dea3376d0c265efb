package dev.sluice.log.kafka;

import dev.sluice.log.LogException;
import dev.sluice.log.LogRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** A group-less consumer for reads by position (committed records only); calls are serialized. */
final class Reader implements AutoCloseable {
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private final Map<String, Object> conf;
    private KafkaConsumer<byte[], byte[]> consumer;

    Reader(Map<String, Object> settings) {
        conf = new HashMap<>(settings);
        conf.remove(ConsumerConfig.GROUP_ID_CONFIG);
        conf.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"); // below the log start: from the start
    }

    /** Up to {@code max} records of {@code tp} from {@code offset}, stopping at {@code end}. */
    synchronized List<LogRecord> read(TopicPartition tp, long offset, int max, long end) {
        if (offset >= end || max <= 0) {
            return List.of();
        }
        if (consumer == null) {
            consumer = new KafkaConsumer<>(conf, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        }
        consumer.assign(List.of(tp));
        consumer.seek(tp, offset);
        List<LogRecord> out = new ArrayList<>(Math.min(max, 1024));
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (out.size() < max && consumer.position(tp) < end) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100)).records(tp)) {
                // never a record before the one asked for: a fetch the broker answers "out of
                // range" (as it may just after a topic of the same name was deleted) resets the
                // consumer to the start, and its first records would pass for the ones asked
                if (out.size() < max && r.offset() >= offset && r.offset() < end) {
                    out.add(RecordFormat.toLogRecord(r));
                }
            }
            if (System.nanoTime() > deadline) {
                throw new LogException("reading " + tp + " from offset " + offset + " took over " + PATIENCE
                        + " (the broker is unreachable?)", null);
            }
        }
        return out;
    }

    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }
}
