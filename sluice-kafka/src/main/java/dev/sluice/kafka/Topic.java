package dev.sluice.kafka;

import dev.sluice.Generator;
import dev.sluice.Pair;
import dev.sluice.Processor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A Kafka topic that is both a sink and an iterable, as in snapstream: {@link #accept} produces,
 * iterating consumes. For pipelines, {@link #source()} and {@link #sink()} give nodes with
 * consumer groups, start positions, commit-after-processing and delivery confirmation.
 *
 * <p>As a {@link Consumer}: strings are sent as UTF-8, byte arrays as they are, a {@link Pair} as
 * (key, value); sends are asynchronous and a delivery failure is thrown by the next call to
 * {@code accept}, {@link #flush()} or {@link #close()}: never lost silently.
 *
 * <p>As an {@link Iterable}: each iterator is a consumer in the configured {@code group.id}
 * (default {@code sluice}), starting at the earliest record when the group has no offset; it never
 * ends by itself, and it commits the offset of a record when you ask for the next one, so a record
 * is committed only after your loop has handled it. Its consumer is closed when the loop is
 * interrupted (a pipeline stopping) or when the topic is closed, even if the loop was abandoned.
 */
public final class Topic implements Consumer<Object>, Iterable<KafkaRecord>, AutoCloseable {
    private final String name;
    private final Map<String, Object> settings;
    private KafkaProducer<byte[], byte[]> producer;
    private final AtomicReference<Exception> deliveryFailure = new AtomicReference<>();
    private final java.util.Set<RecordIterator> iterators = java.util.concurrent.ConcurrentHashMap.newKeySet();

    Topic(String name, Map<String, Object> settings) {
        this.name = name;
        this.settings = settings;
    }

    /** The topic's name. */
    public String name() {
        return name;
    }

    /** A pipeline source over this topic: {@code pipeline.generate("in", topic.source().group("billing").build())}. */
    public SourceBuilder source() {
        return new SourceBuilder(name, settings);
    }

    /**
     * A pipeline sink node producing each item to this topic ({@code pipe.process(topic.sink())}),
     * with {@code acks=all} and idempotence by default. Sends are asynchronous; a failed delivery is
     * raised by the next item, so the node's error policy sees it, and the node flushes when the
     * stream completes and when a source asks whether its records were processed, so a Kafka
     * source upstream commits only offsets whose results the broker has. Emits nothing.
     */
    public Processor<Object, Void> sink() {
        return new KafkaSink(this);
    }

    /** Settings of a Kafka source; {@link #build()} makes its generator. */
    public static final class SourceBuilder {
        private List<String> topics;
        private final Map<String, Object> settings;
        private StartAt start = StartAt.earliest();
        private Duration pollTimeout = Duration.ofMillis(100);

        SourceBuilder(String topic, Map<String, Object> settings) {
            this.topics = List.of(topic);
            this.settings = new HashMap<>(settings);
        }

        /** The consumer group; required unless {@code group.id} is in the settings. */
        public SourceBuilder group(String groupId) {
            settings.put(ConsumerConfig.GROUP_ID_CONFIG, Objects.requireNonNull(groupId));
            return this;
        }

        /** Also read these topics. */
        public SourceBuilder alsoTopics(String... more) {
            List<String> all = new java.util.ArrayList<>(topics);
            all.addAll(List.of(more));
            topics = List.copyOf(all);
            return this;
        }

        /** Where to start; default {@link StartAt#earliest()} for partitions without a committed offset. */
        public SourceBuilder startAt(StartAt where) {
            this.start = Objects.requireNonNull(where);
            return this;
        }

        /** The longest a poll waits (and so the longest a stop waits for it). Default 100 ms. */
        public SourceBuilder pollTimeout(Duration timeout) {
            this.pollTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /**
         * The source's generator. At least once: the offsets of a poll's records are committed only
         * once every node downstream has processed them, threaded nodes, windows and sinks included;
         * offsets processed so far are committed after each poll, before partitions are taken away
         * in a rebalance, and after a graceful stop has drained the pipeline. One generator serves
         * one running pipeline at a time.
         */
        public Generator<KafkaRecord> build() {
            if (!settings.containsKey(ConsumerConfig.GROUP_ID_CONFIG)) {
                throw new IllegalArgumentException("a Kafka source needs a consumer group: group(...) or group.id");
            }
            return new KafkaSource(topics, settings, start, pollTimeout);
        }
    }


    @Override
    public synchronized void accept(Object value) {
        throwIfFailed();
        byte[] key = null;
        Object v = value;
        if (value instanceof Pair<?, ?> pair) {
            key = bytes(pair.first());
            v = pair.second();
        }
        producer().send(new ProducerRecord<>(name, key, bytes(v)), (meta, error) -> {
            if (error != null) {
                deliveryFailure.compareAndSet(null, error);
            }
        });
    }

    static byte[] bytes(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof byte[] b) {
            return b;
        }
        return String.valueOf(o).getBytes(StandardCharsets.UTF_8);
    }

    synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> conf = new HashMap<>(settings);
            conf.keySet().removeIf(k -> k.startsWith("group.") || k.equals("auto.offset.reset"));
            conf.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
            conf.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            producer = new KafkaProducer<>(conf, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    void failed(Exception e) {
        deliveryFailure.compareAndSet(null, e);
    }

    /** Throws the first delivery failure, if any. */
    void throwIfFailed() {
        Exception e = deliveryFailure.get();
        if (e != null) {
            throw new KafkaDeliveryException("delivery to topic '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    /** Waits until every record sent so far is acknowledged; throws a delivery failure. */
    public synchronized void flush() {
        if (producer != null) {
            producer.flush();
        }
        throwIfFailed();
    }

    @Override
    public Iterator<KafkaRecord> iterator() {
        Map<String, Object> conf = new HashMap<>(settings);
        conf.putIfAbsent(ConsumerConfig.GROUP_ID_CONFIG, "sluice");
        conf.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.keySet().removeIf(k -> k.equals("group.instance.id")); // static membership is per process, not per iterator
        KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(conf, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(java.util.List.of(name));
        RecordIterator it = new RecordIterator(consumer);
        iterators.add(it);
        return it;
    }

    /**
     * One consumer, used by whoever loops over it. {@code inUse} is held while the consumer is
     * touched, so that {@link Topic#close()} can close an idle (abandoned) consumer itself and
     * only wake up one that is polling (a Kafka consumer is not thread-safe).
     */
    private final class RecordIterator implements Iterator<KafkaRecord> {
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final java.util.concurrent.locks.ReentrantLock inUse = new java.util.concurrent.locks.ReentrantLock();
        private final ArrayDeque<KafkaRecord> buffered = new ArrayDeque<>();
        private volatile boolean closed;
        private KafkaRecord last;

        RecordIterator(KafkaConsumer<byte[], byte[]> consumer) {
            this.consumer = consumer;
        }

        @Override
        public boolean hasNext() {
            inUse.lock();
            try {
                if (closed) {
                    return false;
                }
                commitLast();
                while (buffered.isEmpty()) {
                    for (var r : consumer.poll(Duration.ofMillis(100))) {
                        buffered.add(KafkaSource.toRecord(r));
                    }
                }
                return true;
            } catch (org.apache.kafka.common.errors.WakeupException e) {
                closeConsumer(); // the topic was closed while this loop polled
                return false;
            } catch (org.apache.kafka.common.errors.InterruptException e) {
                // the loop over this iterable is being stopped: release the consumer
                Thread.interrupted();
                closeConsumer();
                Thread.currentThread().interrupt();
                throw e;
            } finally {
                inUse.unlock();
            }
        }

        private void commitLast() {
            if (last != null) {
                consumer.commitSync(Map.of(new TopicPartition(last.topic(), last.partition()),
                        new OffsetAndMetadata(last.offset() + 1)));
                last = null;
            }
        }

        @Override
        public KafkaRecord next() {
            if (!hasNext()) {
                throw new NoSuchElementException("the topic " + name + " was closed");
            }
            last = buffered.poll();
            return last;
        }

        /** From {@link Topic#close()}: closes the consumer now if nobody polls it, else wakes the poller. */
        void shutdown() {
            if (inUse.tryLock()) {
                try {
                    closeConsumer();
                } finally {
                    inUse.unlock();
                }
            } else {
                consumer.wakeup();
            }
        }

        private void closeConsumer() {
            if (!closed) {
                closed = true;
                iterators.remove(this);
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }
    }

    /**
     * Flushes and closes the producer, and closes the consumers of this topic's iterators (a loop
     * polling one ends: {@code hasNext()} turns false); throws a delivery failure.
     */
    @Override
    public synchronized void close() {
        for (RecordIterator it : java.util.List.copyOf(iterators)) {
            it.shutdown();
        }
        if (producer != null) {
            try {
                producer.flush();
            } finally {
                producer.close();
                producer = null;
            }
        }
        throwIfFailed();
    }

    @Override
    public String toString() {
        return "Topic[" + name + "]";
    }
}
