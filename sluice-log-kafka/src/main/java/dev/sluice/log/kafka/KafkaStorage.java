package dev.sluice.log.kafka;

import dev.sluice.log.LogEntry;
import dev.sluice.log.LogException;
import dev.sluice.log.LogRecord;
import dev.sluice.log.PartitionInfo;
import dev.sluice.log.Retention;
import dev.sluice.log.StreamInfo;
import dev.sluice.log.spi.GroupMember;
import dev.sluice.log.spi.LogStorage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.utils.Utils;

/**
 * The durable stream log on Kafka: {@code StreamLog.on(KafkaStorage.builder(settings).build(),
 * options)} runs the same producers, consumers, windows and pipeline sources as the embedded log,
 * and the consumers of one group, in any number of processes, share each stream's partitions.
 *
 * <ul>
 *   <li>A stream is a topic (created with {@link Builder#partitions} partitions); every topic of
 *       the cluster whose name does not start with {@code __} is listed as a stream.</li>
 *   <li>An append is one Kafka transaction: all or nothing, in order, visible to consumers
 *       (which read committed records only) when it returns. A record with a key goes to the
 *       partition Kafka's own partitioner would pick; a batch without keys goes to one partition,
 *       in turn.</li>
 *   <li>Positions are {@code partition × 2^40 + offset + 1}: partition 0 numbers 1, 2, 3, ...
 *       with gaps where transaction markers take offsets ({@link #gapFree()} is false).</li>
 *   <li>A group's position is its committed offset; acknowledgements beyond it (out-of-order
 *       windows) travel in the commit's metadata. {@code transferOnce} and dead letters commit the
 *       output and the input offsets in one transaction: exactly once.</li>
 *   <li>Stream-level positions ({@link #stats}' first and next positions and a group's in
 *       {@link StreamInfo#groups()}, {@link #read} from position 1, {@link #position}) are
 *       partition 0's; {@link StreamInfo#partitions()} gives every partition's, and
 *       {@link StreamInfo#records()}, {@link #acks} and {@link #lag} cover every partition.
 *       Consumers read every partition through {@link #join}. Retention applies to each
 *       partition (the {@code int partition} variants of the retention primitives).</li>
 *   <li>{@link StreamInfo#records()} counts offsets, transaction markers included (an upper
 *       bound), and {@link StreamInfo#bytes()} is the topic's size on the broker's disk.</li>
 * </ul>
 */
public final class KafkaStorage implements LogStorage {
    static final String META_TOPIC = "__sluice_streams";
    /**
     * The topic settings of a stream: keep every record until Sluice's retention rules delete
     * it, as the embedded log does. Kafka's default deletes by record timestamp after 7 days, so
     * records appended with old timestamps (a backfill, a replay) were gone within minutes of
     * being acknowledged.
     */
    private static final Map<String, String> KEEP_ALL = Map.of("retention.ms", "-1", "retention.bytes", "-1");
    private static final int PARTITION_SHIFT = 40;
    private static final long OFFSET_MASK = (1L << PARTITION_SHIFT) - 1;

    private final Map<String, Object> settings;
    private final String namespace;
    private final String metaTopic;
    private final int partitions;
    private final short replication;
    private final Admin admin;
    private final Transactions transactions;
    private final Reader reader;
    private final RetentionPositions retentionPositions;
    private final GroupOffsets groupOffsets;
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private final AtomicInteger nextPartition = new AtomicInteger();

    private KafkaStorage(Builder b) {
        this.settings = Map.copyOf(b.settings);
        this.namespace = b.namespace;
        this.metaTopic = b.namespace + META_TOPIC;
        this.partitions = b.partitions;
        this.replication = b.replication;
        this.admin = Admin.create(settings);
        this.transactions = new Transactions(settings);
        this.reader = new Reader(settings);
        this.retentionPositions = new RetentionPositions(this, admin, reader, metaTopic);
        this.groupOffsets = new GroupOffsets(this, admin, reader);
    }

    /** Starts the settings of a Kafka storage; {@code bootstrap.servers} is required. */
    public static Builder builder(Map<String, Object> clientSettings) {
        return new Builder(clientSettings);
    }

    /** Settings of a {@link KafkaStorage}. */
    public static final class Builder {
        private final Map<String, Object> settings;
        private int partitions = 1;
        private short replication = 1;
        private String namespace = "";

        private Builder(Map<String, Object> clientSettings) {
            this.settings = new HashMap<>(clientSettings);
            if (!settings.containsKey("bootstrap.servers")) {
                throw new IllegalArgumentException("a Kafka storage needs bootstrap.servers");
            }
        }

        /** Partitions of the topics this storage creates; default 1. Consumers of a group share them. */
        public Builder partitions(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("partitions must be positive: " + n);
            }
            this.partitions = n;
            return this;
        }

        /**
         * A prefix for the names of this storage's topics and consumer groups, so that several
         * applications or environments share one cluster without seeing each other's streams:
         * with {@code "staging."}, stream {@code orders} is topic {@code staging.orders} and group
         * {@code billing} is Kafka group {@code staging.billing}. Default none: a stream is the
         * topic of its name, and every topic of the cluster is a stream.
         *
         * @throws IllegalArgumentException if Kafka would refuse it in a topic name
         */
        public Builder namespace(String prefix) {
            if (prefix == null || prefix.length() > 100 || !prefix.matches("[A-Za-z0-9._-]*")) {
                throw new IllegalArgumentException("a namespace is up to 100 of the characters Kafka allows in"
                        + " topic names (letters, digits, '.', '_', '-'): " + prefix);
            }
            this.namespace = prefix;
            return this;
        }

        /** Replication factor of the topics this storage creates; default 1. */
        public Builder replicationFactor(int factor) {
            if (factor < 1 || factor > Short.MAX_VALUE) {
                throw new IllegalArgumentException("replication factor out of range: " + factor);
            }
            this.replication = (short) factor;
            return this;
        }

        /** The storage; connects lazily. */
        public KafkaStorage build() {
            return new KafkaStorage(this);
        }
    }

    // ------------------------------------------------------------------ names

    /** The topic holding {@code stream}. */
    String topic(String stream) {
        return namespace + stream;
    }

    /** The Kafka consumer group standing for {@code group}. */
    String groupId(String group) {
        return namespace + group;
    }

    // ------------------------------------------------------------------ positions

    static long position(int partition, long offset) {
        return ((long) partition << PARTITION_SHIFT) + offset + 1;
    }

    static int partitionOf(long position) {
        return (int) ((position - 1) >>> PARTITION_SHIFT);
    }

    static long offsetOf(long position) {
        return (position - 1) & OFFSET_MASK;
    }

    // ------------------------------------------------------------------ streams

    @Override
    public boolean gapFree() {
        return false;
    }

    @Override
    public void createStream(String name) {
        if (partitionCounts.containsKey(name)) {
            return;
        }
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                admin.createTopics(List.of(new NewTopic(topic(name), partitions, replication).configs(KEEP_ALL))).all().get();
                awaitReadable(transactions.put(metaTopic, name, Meta.created(Instant.now()).encode(),
                        this::ensureMetaTopic));
                // the controller has created it; the broker answering the next request may not
                // know it yet (seen as "no stream" right after a create)
                await(() -> describe(topic(name)).isPresent(), 10, () -> "stream '" + name + "' was created,"
                        + " but its topic was not visible");
                break;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new LogException("cannot create stream '" + name + "' on Kafka: " + e.getCause().getMessage(), e);
                }
                if (describe(topic(name)).isPresent()) {
                    break; // it exists
                }
                // a topic of this name is still being deleted (a drop just before): try again
                if (System.nanoTime() > deadline) {
                    throw new LogException("cannot create stream '" + name + "': a topic of that name was still"
                            + " being deleted after 30 s", e);
                }
                sleep(10);
            } catch (InterruptedException e) {
                throw interrupted(e);
            }
        }
        partitions(name);
    }

    /**
     * Returns once {@code done}, asking every {@code pauseMillis}: Kafka applies creations,
     * deletions and commits in the background. After 30 s, a LogException saying {@code what}.
     */
    private static void await(java.util.function.BooleanSupplier done, long pauseMillis,
            java.util.function.Supplier<String> what) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new LogException(what.get() + " within 30 s", null);
            }
            sleep(pauseMillis);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** The stream's partition count; IllegalArgumentException if it does not exist. */
    int partitions(String name) {
        Integer n = partitionCounts.get(name);
        if (n != null) {
            return n;
        }
        Optional<TopicDescription> d = describe(topic(name));
        if (d.isEmpty()) {
            throw new IllegalArgumentException("no stream '" + name + "'");
        }
        int count = d.get().partitions().size();
        partitionCounts.put(name, count);
        return count;
    }

    Optional<TopicDescription> describe(String topic) {
        try {
            return Optional.of(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return Optional.empty();
            }
            throw new LogException("cannot describe topic '" + topic + "': " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private void ensureMetaTopic() {
        try {
            admin.createTopics(List.of(new NewTopic(metaTopic, 1, replication)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new LogException("cannot create " + metaTopic + ": " + e.getCause().getMessage(), e);
            }
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    @Override
    public boolean dropStream(String name) {
        partitionCounts.remove(name);
        try {
            admin.deleteTopics(List.of(topic(name))).all().get();
            // the controller has accepted: wait until the topic is gone, so that a stream made
            // again under this name right after starts empty
            await(() -> describe(topic(name)).isEmpty(), 10, () -> "stream '" + name + "' was dropped, but its"
                    + " topic was still there");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return false;
            }
            throw new LogException("cannot drop stream '" + name + "': " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        awaitReadable(transactions.put(metaTopic, name, null, this::ensureMetaTopic));
        return true;
    }

    @Override
    public List<String> streamNames() {
        try {
            return admin.listTopics().names().get().stream().filter(n -> n.startsWith(namespace))
                    .map(n -> n.substring(namespace.length())).filter(n -> !n.startsWith("__")).sorted().toList();
        } catch (ExecutionException e) {
            throw new LogException("cannot list topics: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    @Override
    public Optional<StreamInfo> stats(String name) {
        if (describe(topic(name)).isEmpty()) {
            return Optional.empty();
        }
        List<TopicPartition> all = partitionsOf(name);
        Map<TopicPartition, Long> starts = offsets(all, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = offsets(all, OffsetSpec.latest());
        long records = all.stream().mapToLong(p -> ends.get(p) - starts.get(p)).sum();
        List<Map<String, Long>> groups = new ArrayList<>();
        all.forEach(tp -> groups.add(new TreeMap<>()));
        for (String group : groupsOf()) {
            groupOffsets.committed(group).forEach((tp, o) -> {
                if (o != null && tp.topic().equals(topic(name)) && tp.partition() < all.size()) {
                    groups.get(tp.partition()).put(group, position(tp.partition(), o.offset()));
                }
            });
        }
        List<PartitionInfo> partitions = new ArrayList<>();
        for (TopicPartition tp : all) {
            int p = tp.partition();
            partitions.add(new PartitionInfo(p, position(p, starts.get(tp)), position(p, ends.get(tp)), groups.get(p)));
        }
        Meta meta = retentionPositions.meta().getOrDefault(name, Meta.created(Instant.EPOCH));
        return Optional.of(StreamInfo.ofPartitions(name, meta.created(), records, diskBytes(name), meta.retention(),
                partitions));
    }

    /** The groups of this storage's namespace, by their Sluice names. */
    private List<String> groupsOf() {
        try {
            return admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .filter(g -> g.startsWith(namespace)).map(g -> g.substring(namespace.length())).toList();
        } catch (ExecutionException e) {
            throw new LogException("cannot list groups: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private long diskBytes(String name) {
        try {
            long total = 0;
            for (var broker : admin.describeCluster().nodes().get()) {
                var dirs = admin.describeLogDirs(List.of(broker.id())).allDescriptions().get().get(broker.id());
                for (var dir : dirs.values()) {
                    for (var e : dir.replicaInfos().entrySet()) {
                        if (e.getKey().topic().equals(topic(name))) {
                            total += e.getValue().size();
                        }
                    }
                }
            }
            return total;
        } catch (ExecutionException e) {
            throw new LogException("cannot measure stream '" + name + "': " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** The committed-read offset of {@code spec} (latest: the last stable offset). */
    long offset(TopicPartition tp, OffsetSpec spec) {
        return offsets(List.of(tp), spec).get(tp);
    }

    /** Every partition of {@code stream}'s topic. */
    List<TopicPartition> partitionsOf(String stream) {
        return java.util.stream.IntStream.range(0, partitions(stream))
                .mapToObj(p -> new TopicPartition(topic(stream), p)).toList();
    }

    /** The committed-read offsets of {@code spec} for several partitions, in one request. */
    Map<TopicPartition, Long> offsets(List<TopicPartition> tps, OffsetSpec spec) {
        try {
            Map<TopicPartition, OffsetSpec> query = new HashMap<>();
            tps.forEach(tp -> query.put(tp, spec));
            Map<TopicPartition, Long> out = new HashMap<>();
            admin.listOffsets(query, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (ExecutionException e) {
            throw new LogException("cannot read offsets of " + tps + ": " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    // ------------------------------------------------------------------ records

    @Override
    public long append(String stream, List<LogEntry> entries) {
        return firstPosition(transactions.send(records(stream, entries), null, null));
    }

    /**
     * The producer records for {@code entries}: a keyed entry goes where Kafka's partitioner would
     * put it, entries without a key to one partition per batch, in turn, so the batch stays in order.
     */
    List<ProducerRecord<byte[], byte[]>> records(String stream, List<LogEntry> entries) {
        int n = partitions(stream);
        int batchPartition = Math.floorMod(nextPartition.getAndIncrement(), n);
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(entries.size());
        for (LogEntry e : entries) {
            int p = e.key() == null ? batchPartition : Utils.toPositive(Utils.murmur2(e.key())) % n;
            records.add(RecordFormat.toProducerRecord(topic(stream), p, e));
        }
        return records;
    }

    /**
     * Returns once committed reads see {@code sent}: a stream's metadata (its retention rules) is
     * read back right after a change, by this process or another (a retention rule just set read
     * as the default, seen in tests).
     */
    private void awaitReadable(List<Future<RecordMetadata>> sent) {
        firstPosition(sent);
    }

    /**
     * The position of the first sent record, once readers can see every sent record: a commit
     * returns before the brokers have written its markers, and until then the records are above
     * the last stable offset, invisible to committed reads. Waiting keeps read-your-writes.
     */
    long firstPosition(List<Future<RecordMetadata>> sent) {
        if (sent.isEmpty()) {
            return 0;
        }
        try {
            Map<TopicPartition, Long> last = new HashMap<>();
            for (Future<RecordMetadata> f : sent) {
                RecordMetadata m = f.get();
                last.merge(new TopicPartition(m.topic(), m.partition()), m.offset(), Math::max);
            }
            await(() -> {
                Map<TopicPartition, Long> stable = offsets(List.copyOf(last.keySet()), OffsetSpec.latest());
                last.entrySet().removeIf(e -> stable.get(e.getKey()) > e.getValue());
                return last.isEmpty();
            }, 1, () -> "committed records did not become readable: " + last.keySet());
            RecordMetadata m = sent.get(0).get();
            return position(m.partition(), m.offset());
        } catch (ExecutionException e) {
            throw new LogException("append failed: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    @Override
    public List<LogRecord> read(String stream, long from, int max) {
        int n = partitions(stream);
        int partition = partitionOf(Math.max(1, from));
        if (partition >= n) {
            return List.of();
        }
        TopicPartition tp = new TopicPartition(topic(stream), partition);
        return reader.read(tp, offsetOf(Math.max(1, from)), max, offset(tp, OffsetSpec.latest()));
    }

    // ------------------------------------------------------------------ groups

    OffsetAndMetadata committed(String group, TopicPartition tp) {
        return groupOffsets.committed(group).get(tp);
    }

    @Override
    public long lag(String stream, String group) {
        return groupOffsets.lag(stream, group);
    }

    @Override
    public long position(String stream, String group) {
        OffsetAndMetadata o = committed(group, new TopicPartition(topic(stream), 0));
        return position(0, o == null ? 0 : o.offset());
    }

    @Override
    public SortedSet<Long> acks(String stream, String group) {
        return groupOffsets.acks(stream, group);
    }

    @Override
    public void ack(String stream, String group, Collection<Long> positions) {
        groupOffsets.ack(stream, group, positions);
    }

    @Override
    public long appendAndAck(String target, List<LogEntry> entries, String source, String group,
            Collection<Long> positions) {
        List<ProducerRecord<byte[], byte[]>> records = records(target, entries);
        Map<TopicPartition, OffsetAndMetadata> offsets = groupOffsets.advance(source, group, positions);
        return firstPosition(transactions.send(records, offsets, new ConsumerGroupMetadata(groupId(group))));
    }

    @Override
    public GroupMember join(String stream, String group) {
        partitions(stream);
        return new KafkaMember(this, settings, topic(stream), groupId(group));
    }

    Transactions transactions() {
        return transactions;
    }

    // ------------------------------------------------------------------ retention

    @Override
    public void setRetention(String stream, Retention retention) {
        Meta old = retentionPositions.meta().getOrDefault(stream, Meta.created(Instant.now()));
        awaitReadable(transactions.put(metaTopic, stream, new Meta(old.created(), retention).encode(),
                this::ensureMetaTopic));
    }

    @Override
    public Retention retention(String stream) {
        return retentionPositions.meta().getOrDefault(stream, Meta.created(Instant.EPOCH)).retention();
    }

    @Override
    public long positionAtOrAfter(String stream, Instant time) {
        return positionAtOrAfter(stream, 0, time);
    }

    @Override
    public long positionAtOrAfter(String stream, int partition, Instant time) {
        return retentionPositions.atOrAfter(stream, partition, time);
    }

    @Override
    public long positionKeepingBytes(String stream, long maxBytes) {
        return positionKeepingBytes(stream, 0, maxBytes);
    }

    @Override
    public long positionKeepingBytes(String stream, int partition, long maxBytes) {
        return retentionPositions.keepingBytes(stream, partition, maxBytes);
    }

    @Override
    public long deleteBefore(String stream, long position) {
        return retentionPositions.deleteBefore(stream, position);
    }

    @Override
    public void close() {
        try {
            transactions.close();
        } finally {
            try {
                reader.close();
            } finally {
                admin.close();
            }
        }
    }

    static LogException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new LogException("interrupted while waiting for Kafka", e);
    }

    @Override
    public String toString() {
        return "KafkaStorage[" + settings.get("bootstrap.servers") + (namespace.isEmpty() ? "" : ", namespace " + namespace)
                + "]";
    }
}
