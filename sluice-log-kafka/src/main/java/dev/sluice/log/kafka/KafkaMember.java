package dev.sluice.log.kafka;

import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import dev.sluice.log.spi.GroupMember;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A member of a Kafka consumer group for one stream: Kafka's group protocol gives it a share of
 * the partitions and moves them when members come and go. Fetched records wait in a buffer per
 * partition until acknowledged; the group's offset for a partition moves past acknowledged records
 * in partition order, and acknowledgements beyond it travel in the commit's metadata.
 *
 * <p>The reading thread owns the consumer; {@link #ack} from other threads (a pipeline's sinks)
 * only queues, and the reading thread applies and commits at its next call or at {@link #close}.
 * A partition taken away in a rebalance commits what was acknowledged; what was in flight is
 * delivered to its next owner (at least once).
 */
final class KafkaMember implements GroupMember, ConsumerRebalanceListener {
    private static final Duration FETCH_WAIT = Duration.ofMillis(20);

    private final KafkaStorage storage;
    private final String topic;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Part> parts = new HashMap<>();
    private final ConcurrentLinkedQueue<Long> pendingAcks = new ConcurrentLinkedQueue<>();
    private volatile long lag;
    private boolean closed;

    /** One owned partition: fetched records not yet passed by the frontier, and where next() is. */
    private static final class Part {
        final TopicPartition tp;
        final ArrayDeque<LogRecord> held = new ArrayDeque<>();
        final Frontier frontier;
        /** How many of the held records next() has returned. */
        int handedOut;
        OffsetAndMetadata lastCommit;

        Part(TopicPartition tp, Frontier frontier) {
            this.tp = tp;
            this.frontier = frontier;
        }

        boolean acked(LogRecord r) {
            return !frontier.acked.isEmpty() && frontier.acked.contains(KafkaStorage.offsetOf(r.position()));
        }

        /**
         * Acknowledges offset {@code o}. The usual case, the oldest held record acknowledged with
         * nothing acknowledged ahead of it, passes it at once: no set to keep and search, which
         * took a quarter of the reading thread's time (profiled at 500 records per window).
         */
        void ack(long o) {
            LogRecord head = held.peekFirst();
            if (frontier.acked.isEmpty() && head != null && KafkaStorage.offsetOf(head.position()) == o) {
                passOldest();
            } else {
                frontier.ack(List.of(o));
            }
        }

        /** Moves the frontier past the oldest held record, which is acknowledged. */
        private void passOldest() {
            frontier.pass(KafkaStorage.offsetOf(held.pollFirst().position()));
            handedOut = Math.max(0, handedOut - 1);
        }

        /**
         * Drops the held records the frontier passes, from the oldest. With nothing held and
         * nothing acknowledged ahead, everything fetched is done: the frontier moves to the
         * consumer's position ({@code fetched}), past trailing transaction markers too.
         */
        void advance(long fetched) {
            while (!held.isEmpty() && acked(held.peekFirst())) {
                passOldest();
            }
            if (!held.isEmpty()) {
                frontier.offset = Math.max(frontier.offset, KafkaStorage.offsetOf(held.peekFirst().position()));
            } else if (frontier.acked.isEmpty()) {
                frontier.offset = Math.max(frontier.offset, fetched);
            }
        }
    }

    KafkaMember(KafkaStorage storage, Map<String, Object> settings, String topic, String groupId) {
        this.storage = storage;
        this.topic = topic;
        Map<String, Object> conf = new HashMap<>(settings);
        conf.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        conf.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        conf.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        conf.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        this.consumer = new KafkaConsumer<>(conf, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic), this);
    }

    // ------------------------------------------------------------------ rebalances (in poll)

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(assigned));
        for (TopicPartition tp : assigned) {
            OffsetAndMetadata o = committed.get(tp);
            long start = o != null ? o.offset() : consumer.position(tp);
            Part part = new Part(tp, new Frontier(start, o == null ? List.of() : Acks.decode(o.metadata())));
            part.lastCommit = o;
            parts.put(tp, part);
        }
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
        applyAcks();
        Map<TopicPartition, OffsetAndMetadata> mine = new HashMap<>();
        for (TopicPartition tp : revoked) {
            Part part = parts.remove(tp);
            if (part != null && changed(part)) {
                mine.put(tp, part.frontier.commit());
            }
        }
        if (!mine.isEmpty()) {
            consumer.commitSync(mine);
        }
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> lost) {
        lost.forEach(parts::remove); // another member owns them already: its commits count
    }

    // ------------------------------------------------------------------ reading

    @Override
    public List<LogRecord> unacknowledged(int max) {
        if (countUnacked(false) < max) {
            fetch();
        } else {
            applyAcksUnlessInterrupted();
        }
        return merged(max, false);
    }

    @Override
    public List<LogRecord> next(int max) {
        if (countUnacked(true) == 0) {
            fetch();
        } else {
            applyAcksUnlessInterrupted();
        }
        return merged(max, true);
    }

    private int countUnacked(boolean afterHandedOut) {
        int n = 0;
        for (Part part : parts.values()) {
            int i = 0;
            for (LogRecord r : part.held) {
                if ((!afterHandedOut || i >= part.handedOut) && !part.acked(r)) {
                    n++;
                }
                i++;
            }
        }
        return n;
    }

    /**
     * Up to {@code max} unacknowledged held records, oldest timestamp first across partitions and
     * in offset order within each; {@code fresh}: only those next() has not returned, marking them.
     */
    private List<LogRecord> merged(int max, boolean fresh) {
        if (parts.size() == 1) {
            return inOrder(parts.values().iterator().next(), max, fresh);
        }
        record Cursor(Part part, java.util.Iterator<LogRecord> it, LogRecord head, int index) {}
        PriorityQueue<Cursor> heads = new PriorityQueue<>(
                Comparator.comparing((Cursor c) -> c.head().timestamp()).thenComparingLong(c -> c.head().position()));
        for (Part part : parts.values()) {
            var it = part.held.iterator();
            int index = 0;
            while (it.hasNext()) {
                LogRecord r = it.next();
                if ((!fresh || index >= part.handedOut) && !part.acked(r)) {
                    heads.add(new Cursor(part, it, r, index));
                    break;
                }
                index++;
            }
        }
        List<LogRecord> out = new ArrayList<>();
        while (out.size() < max && !heads.isEmpty()) {
            Cursor c = heads.poll();
            out.add(c.head());
            if (fresh) {
                c.part().handedOut = c.index() + 1;
            }
            int index = c.index() + 1;
            while (c.it().hasNext()) {
                LogRecord r = c.it().next();
                if (!c.part().acked(r)) {
                    heads.add(new Cursor(c.part(), c.it(), r, index));
                    break;
                }
                index++;
            }
        }
        return out;
    }

    /** {@link #merged} for one owned partition: its records in offset order, no heap to keep. */
    private static List<LogRecord> inOrder(Part part, int max, boolean fresh) {
        List<LogRecord> out = new ArrayList<>();
        int index = 0;
        for (LogRecord r : part.held) {
            if (out.size() >= max) {
                break;
            }
            if ((!fresh || index >= part.handedOut) && !part.acked(r)) {
                out.add(r);
                if (fresh) {
                    part.handedOut = index + 1;
                }
            }
            index++;
        }
        return out;
    }

    /** Applies queued acks, commits what moved, and polls once for more records. */
    private void fetch() {
        try {
            applyAcks();
            commit();
            boolean holding = countUnacked(false) > 0;
            // with records in hand, take only what has arrived; with none, wait a little for more
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(holding ? Duration.ZERO : FETCH_WAIT)) {
                Part part = parts.get(new TopicPartition(r.topic(), r.partition()));
                if (part != null && r.offset() >= part.frontier.offset) {
                    part.held.addLast(RecordFormat.toLogRecord(r));
                }
            }
        } catch (InterruptException e) {
            Thread.currentThread().interrupt(); // a stop: the caller's loop sees it
            return;
        }
        long behind = 0;
        for (Part part : parts.values()) {
            part.advance(consumer.position(part.tp)); // passes records acknowledged before a restart too
            behind += consumer.currentLag(part.tp).orElse(0);
            for (LogRecord r : part.held) {
                behind += part.acked(r) ? 0 : 1; // held records acknowledged out of order are done
            }
        }
        lag = behind;
    }

    /** Applies the queued acks, or does nothing when a stop interrupted the reading thread. */
    private void applyAcksUnlessInterrupted() {
        try {
            applyAcks();
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ acknowledging

    @Override
    public void ack(Collection<Long> positions) {
        pendingAcks.addAll(positions);
    }

    private void applyAcks() {
        Long p;
        boolean any = false;
        Part part = null;
        while ((p = pendingAcks.poll()) != null) {
            int partition = KafkaStorage.partitionOf(p);
            if (part == null || part.tp.partition() != partition) {
                part = parts.get(new TopicPartition(topic, partition));
            }
            if (part != null) { // a partition taken away meanwhile: its next owner processes it again
                part.ack(KafkaStorage.offsetOf(p));
                any = true;
            }
        }
        if (any) {
            parts.values().forEach(owned -> owned.advance(consumer.position(owned.tp)));
        }
    }

    private boolean changed(Part part) {
        OffsetAndMetadata now = new OffsetAndMetadata(part.frontier.offset, Acks.encode(part.frontier.acked));
        return !now.equals(part.lastCommit);
    }

    /**
     * Commits the partitions whose place moved. Synchronously: an asynchronous commit sent while
     * the coordinator is still unknown can reach it after a later synchronous one and move the
     * group back (seen in tests).
     */
    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (Part part : parts.values()) {
            if (changed(part)) {
                OffsetAndMetadata o = part.frontier.commit();
                offsets.put(part.tp, o);
                part.lastCommit = o;
            }
        }
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitSync(offsets);
    }

    @Override
    public long appendAndAck(String target, List<LogEntry> entries, Collection<Long> positions) {
        applyAcks();
        // work on copies: if the transaction fails, nothing here counts as acknowledged
        Map<TopicPartition, Frontier> after = new HashMap<>();
        for (long p : positions) {
            Part part = parts.get(new TopicPartition(topic, KafkaStorage.partitionOf(p)));
            if (part == null) {
                throw new IllegalStateException("position " + p + " is not in a partition this member owns"
                        + " (taken away in a rebalance)");
            }
            after.computeIfAbsent(part.tp, tp -> part.frontier.copy()).ack(List.of(KafkaStorage.offsetOf(p)));
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        after.forEach((tp, f) -> {
            Part part = parts.get(tp);
            for (LogRecord r : part.held) {
                long o = KafkaStorage.offsetOf(r.position());
                if (!f.acked.contains(o)) {
                    break;
                }
                f.pass(o);
            }
            offsets.put(tp, f.commit());
        });
        List<ProducerRecord<byte[], byte[]>> records = storage.records(target, entries);
        long first = storage.firstPosition(storage.transactions().send(records, offsets, consumer.groupMetadata()));
        after.forEach((tp, f) -> {
            Part part = parts.get(tp);
            positions.forEach(p -> {
                if (KafkaStorage.partitionOf(p) == tp.partition()) {
                    part.frontier.ack(List.of(KafkaStorage.offsetOf(p)));
                }
            });
            part.advance(consumer.position(tp));
            part.lastCommit = offsets.get(tp);
        });
        return first;
    }

    @Override
    public long lag() {
        return lag;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = Thread.interrupted(); // a stop may have interrupted the caller
        try {
            applyAcks();
            commit();
        } finally {
            consumer.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
