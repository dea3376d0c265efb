package dev.sluice.kafka;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A pipeline source reading topics in a consumer group: {@code pipeline.generate("orders",
 * topic.source().group("billing").build())}.
 *
 * <p>At least once: the offsets of a poll's records are committed only once every node downstream
 * has processed them ({@link NodeContext#whenProcessed}), threaded nodes, windows and sinks
 * included. Offsets processed so far are committed after each poll, before partitions are taken
 * away in a rebalance, and after a graceful stop has drained the pipeline. One source serves one
 * running pipeline at a time.
 */
final class KafkaSource implements Generator<KafkaRecord> {
    private final List<String> topics;
    private final Map<String, Object> settings;
    private final StartAt start;
    private final Duration pollTimeout;

    KafkaSource(List<String> topics, Map<String, Object> settings, StartAt start, Duration pollTimeout) {
        this.topics = topics;
        this.settings = settings;
        this.start = start;
        this.pollTimeout = pollTimeout;
    }

    /** The running consumer; created by generate, closed by onStop once the pipeline drained. */
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    /** Offsets whose records were processed and are not committed yet; guarded by itself. */
    private final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();

    @Override
    public void generate(NodeContext ctx, Emitter<KafkaRecord> out) {
        Map<String, Object> conf = new HashMap<>(settings);
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, start instanceof StartAt.Latest ? "latest" : "earliest");
        Set<TopicPartition> positioned = new HashSet<>();
        KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(conf, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer = c;
        c.subscribe(topics, new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                // what is still in flight for these partitions is replayed by their next owner
                Map<TopicPartition, OffsetAndMetadata> mine = takeProcessed(partitions);
                if (!mine.isEmpty()) {
                    c.commitSync(mine);
                }
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                position(c, partitions, positioned);
            }
        });
        while (ctx.active()) {
            var records = c.poll(pollTimeout);
            Map<TopicPartition, OffsetAndMetadata> polled = new HashMap<>();
            try {
                for (ConsumerRecord<byte[], byte[]> r : records) {
                    out.emit(toRecord(r));
                    polled.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
                }
            } finally {
                if (!polled.isEmpty()) {
                    ctx.whenProcessed(() -> markProcessed(polled));
                }
            }
            Map<TopicPartition, OffsetAndMetadata> done = takeProcessed(c.assignment());
            if (!done.isEmpty()) {
                c.commitAsync(done, null);
            }
        }
    }

    /** Commits what the drain processed and closes the consumer (see {@link Generator#onStop}). */
    @Override
    public void onStop() {
        KafkaConsumer<byte[], byte[]> c = consumer;
        if (c == null) {
            return;
        }
        consumer = null;
        boolean interrupted = Thread.interrupted(); // a stop may have interrupted the caller
        try {
            Map<TopicPartition, OffsetAndMetadata> done = takeProcessed(c.assignment());
            if (!done.isEmpty()) {
                c.commitSync(done);
            }
        } finally {
            c.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void markProcessed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        synchronized (processed) {
            offsets.forEach((tp, o) -> processed.merge(tp, o, (a, b) -> a.offset() >= b.offset() ? a : b));
        }
    }

    /** Removes and returns the processed offsets of {@code partitions}; others' are dropped. */
    private Map<TopicPartition, OffsetAndMetadata> takeProcessed(Collection<TopicPartition> partitions) {
        synchronized (processed) {
            Map<TopicPartition, OffsetAndMetadata> mine = new HashMap<>();
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata o = processed.remove(tp);
                if (o != null) {
                    mine.put(tp, o);
                }
            }
            return mine;
        }
    }

    /** Seeks newly assigned partitions for explicit offsets or a timestamp, once per partition. */
    private void position(KafkaConsumer<byte[], byte[]> consumer, Collection<TopicPartition> partitions,
            Set<TopicPartition> positioned) {
        List<TopicPartition> fresh = partitions.stream().filter(positioned::add).toList();
        if (start instanceof StartAt.Offsets o) {
            for (TopicPartition tp : fresh) {
                Long offset = o.offsets().get(tp.partition());
                if (offset != null) {
                    consumer.seek(tp, offset);
                }
            }
        } else if (start instanceof StartAt.Timestamp t) {
            Map<TopicPartition, Long> query = new HashMap<>();
            fresh.forEach(tp -> query.put(tp, t.time().toEpochMilli()));
            for (Map.Entry<TopicPartition, OffsetAndTimestamp> e : consumer.offsetsForTimes(query).entrySet()) {
                if (e.getValue() != null) {
                    consumer.seek(e.getKey(), e.getValue().offset());
                } else {
                    consumer.seekToEnd(List.of(e.getKey()));
                }
            }
        }
    }

    static KafkaRecord toRecord(ConsumerRecord<byte[], byte[]> r) {
        return KafkaRecord.from(r);
    }
}
