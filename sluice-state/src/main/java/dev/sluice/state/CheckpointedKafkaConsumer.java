package dev.sluice.state;

import dev.sluice.Generator;
import dev.sluice.Pair;
import dev.sluice.kafka.KafkaRecord;
import dev.sluice.rocksdb.Cache;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Exactly-once keyed state over Kafka topics: what {@link CheckpointedConsumer} does for the
 * durable log. Each poll's records update the state through a {@link StateFunction}; then the
 * state's changes and, for every partition touched, the offset after its last record are
 * committed in one RocksDB write batch (checkpoints {@code kafka:<group>:<topic>:<partition>}).
 * When a partition is assigned (at start, after a crash, in a rebalance) the consumer seeks to its
 * checkpoint, so the state and the input stay in step whatever dies when. Offsets are also
 * committed to Kafka afterwards, for lag monitoring only; the checkpoint is the truth.
 *
 * <pre>{@code
 * CheckpointedKafkaConsumer<String, Long> counter = CheckpointedKafkaConsumer.of(
 *         Map.of("bootstrap.servers", "localhost:9092", "group.id", "counter"), List.of("clicks"), counts);
 * counter.run((record, state) -> state.update(record.text(), n -> n == null ? 1L : n + 1));
 * }</pre>
 *
 * <p>Needs {@code sluice-kafka} on the class path. A record the function fails on fails the run
 * (the batch is not committed and is handled again on restart): route bad records to dead
 * letters inside the function if the pipeline must go on.
 *
 * @param <K> key type of the state
 * @param <V> value type of the state
 */
public final class CheckpointedKafkaConsumer<K, V> implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Cache<K, V> state;
    private final String group;
    private volatile boolean stopped;

    private CheckpointedKafkaConsumer(Map<String, ?> settings, List<String> topics, Cache<K, V> state) {
        Map<String, Object> conf = new HashMap<>(settings);
        this.group = Objects.requireNonNull((String) conf.get(ConsumerConfig.GROUP_ID_CONFIG), "group.id is required");
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.state = state;
        this.consumer = new KafkaConsumer<>(conf, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // nothing to save: every batch committed its offsets with its state
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                for (TopicPartition tp : partitions) {
                    state.checkpoint(name(tp)).ifPresent(p -> consumer.seek(tp, Overlay.decode(p)));
                }
            }
        });
    }

    /**
     * A consumer with these Kafka settings ({@code bootstrap.servers} and {@code group.id} at
     * least) of {@code topics}, keeping its state in {@code state}.
     */
    public static <K, V> CheckpointedKafkaConsumer<K, V> of(Map<String, ?> settings, List<String> topics,
            Cache<K, V> state) {
        return new CheckpointedKafkaConsumer<>(settings, List.copyOf(topics), Objects.requireNonNull(state));
    }

    private String name(TopicPartition tp) {
        return "kafka:" + group + ":" + tp.topic() + ":" + tp.partition();
    }

    /** The offset the state has seen up to in a partition (the next to read), if it has a checkpoint. */
    public java.util.OptionalLong position(String topic, int partition) {
        return state.checkpoint(name(new TopicPartition(topic, partition)))
                .map(p -> java.util.OptionalLong.of(Overlay.decode(p))).orElse(java.util.OptionalLong.empty());
    }

    /** Polls and handles one batch (waiting up to {@code timeout} for records); returns whether there was one. */
    public boolean runOnce(StateFunction<KafkaRecord, K, V> fn, Duration timeout) throws Exception {
        return poll(fn, timeout, null);
    }

    /** Handles batches until {@link #stop()} (from another thread) or an error. */
    public void run(StateFunction<KafkaRecord, K, V> fn) throws Exception {
        while (!stopped) {
            poll(fn, Duration.ofMillis(100), null);
        }
    }

    /**
     * As a pipeline source: handles batches while the pipeline runs and emits the state's
     * changes as (key, value or null) pairs after each commit. Closes the consumer when it ends.
     */
    public Generator<Pair<K, V>> changes(StateFunction<KafkaRecord, K, V> fn) {
        return (ctx, out) -> {
            try {
                while (ctx.active()) {
                    List<Pair<K, V>> committed = new ArrayList<>();
                    if (poll(fn, Duration.ofMillis(100), committed)) {
                        committed.forEach(out::emit);
                    }
                }
            } catch (org.apache.kafka.common.errors.InterruptException stopping) {
                Thread.interrupted(); // the pipeline stops this thread by interrupting it
            } finally {
                close();
            }
        };
    }

    private boolean poll(StateFunction<KafkaRecord, K, V> fn, Duration timeout, List<Pair<K, V>> committed)
            throws Exception {
        var records = consumer.poll(timeout);
        if (records.isEmpty()) {
            return false;
        }
        Overlay<K, V> overlay = new Overlay<>(state);
        Map<String, Long> positions = new HashMap<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            KafkaRecord record = KafkaRecord.from(r);
            TopicPartition tp = new TopicPartition(r.topic(), r.partition());
            try {
                fn.apply(record, overlay);
            } catch (Exception e) {
                // nothing of the batch is committed: read it again from where it began
                for (TopicPartition touched : records.partitions()) {
                    consumer.seek(touched, state.checkpoint(name(touched)).map(Overlay::decode)
                            .orElseGet(() -> records.records(touched).get(0).offset()));
                }
                throw new IllegalStateException(record + ": " + e.getMessage(), e);
            }
            positions.put(name(tp), r.offset() + 1);
            offsets.put(tp, new OffsetAndMetadata(r.offset() + 1));
        }
        overlay.commit(positions, committed);
        consumer.commitAsync(offsets, null);
        return true;
    }

    /** Asks {@link #run} to return after the current batch. */
    public void stop() {
        stopped = true;
    }

    /** Closes the Kafka consumer (not the cache). Call from the thread that runs it. */
    @Override
    public void close() {
        consumer.close();
    }
}
