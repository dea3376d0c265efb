package dev.sluice.log.kafka;

import dev.sluice.log.LogException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * One transactional producer, shared: every append is a transaction of its own, so a batch is
 * all or nothing and readers (read committed) never see half of one. Calls are serialized; the
 * log's writer thread per stream already gathers concurrent appends into one batch.
 */
final class Transactions implements AutoCloseable {
    private final Map<String, Object> conf;
    private KafkaProducer<byte[], byte[]> producer;
    private boolean metaTopicReady;

    Transactions(Map<String, Object> settings) {
        conf = new HashMap<>(settings);
        conf.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "sluice-log-" + UUID.randomUUID());
        conf.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        conf.put(ProducerConfig.ACKS_CONFIG, "all");
        conf.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(conf, new ByteArraySerializer(), new ByteArraySerializer());
            producer.initTransactions();
        }
        return producer;
    }

    /** How many times a transaction is tried when the broker refuses it and its abort succeeds. */
    private static final int ATTEMPTS = 3;

    /**
     * Sends {@code records} and, when given, commits {@code offsets} for {@code group}, in one
     * transaction. The futures are complete when this returns.
     *
     * <p>A transaction the broker refuses with an abortable error is aborted and tried again, as
     * KafkaProducer's documentation advises: aborted records are never visible to committed
     * reads, so a retry duplicates nothing. (A loaded broker sometimes answered a fresh topic's
     * first transactions with "invalid transaction state", about one contract-test run in ten.)
     * A retry happens only when the abort succeeded: after a commit that timed out, the abort
     * fails, since the commit may have gone through, and the error reaches the caller.
     */
    synchronized List<Future<RecordMetadata>> send(List<ProducerRecord<byte[], byte[]>> records,
            Map<TopicPartition, OffsetAndMetadata> offsets, ConsumerGroupMetadata group) {
        for (int attempt = 1; ; attempt++) {
            KafkaProducer<byte[], byte[]> p = producer();
            try {
                p.beginTransaction();
                List<Future<RecordMetadata>> sent = new ArrayList<>(records.size());
                for (ProducerRecord<byte[], byte[]> r : records) {
                    sent.add(p.send(r));
                }
                if (offsets != null && !offsets.isEmpty()) {
                    p.sendOffsetsToTransaction(offsets, group);
                }
                p.commitTransaction();
                return sent;
            } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
                discard(); // fatal for this producer: the next call starts a new one
                throw new LogException("Kafka transaction failed: " + e.getMessage(), e);
            } catch (KafkaException e) {
                try {
                    p.abortTransaction();
                } catch (KafkaException abortFailed) {
                    discard();
                    throw new LogException("Kafka transaction failed, and its abort too: " + e.getMessage(), e);
                }
                if (attempt == ATTEMPTS) {
                    throw new LogException("Kafka transaction aborted " + ATTEMPTS + " times: " + e.getMessage(), e);
                }
            }
        }
    }

    /** Writes one keyed line (null: a tombstone) to a compacted topic, creating it first if needed. */
    synchronized List<Future<RecordMetadata>> put(String topic, String key, String value, Runnable ensureTopic) {
        if (!metaTopicReady) {
            ensureTopic.run();
            metaTopicReady = true;
        }
        return send(List.of(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8))), null, null);
    }

    private void discard() {
        try {
            producer.close();
        } catch (KafkaException ignored) {
            // already broken
        }
        producer = null;
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }
}
