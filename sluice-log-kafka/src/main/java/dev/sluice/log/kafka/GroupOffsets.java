package dev.sluice.log.kafka;

import static dev.sluice.log.kafka.KafkaStorage.interrupted;
import static dev.sluice.log.kafka.KafkaStorage.offsetOf;
import static dev.sluice.log.kafka.KafkaStorage.partitionOf;
import static dev.sluice.log.kafka.KafkaStorage.position;

import dev.sluice.log.LogException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * A consumer group's place in the log on Kafka, read and moved through the admin client: its
 * committed offset per partition, and the positions acknowledged beyond it (out-of-order windows),
 * which travel in the commit's metadata ({@link Acks}) and are folded into the offset once the
 * gap before them closes ({@link Frontier}).
 */
final class GroupOffsets {
    private final KafkaStorage storage;
    private final Admin admin;
    private final Reader reader;

    GroupOffsets(KafkaStorage storage, Admin admin, Reader reader) {
        this.storage = storage;
        this.admin = admin;
        this.reader = reader;
    }

    /** Every committed offset of {@code group}, read in one request. */
    Map<TopicPartition, OffsetAndMetadata> committed(String group) {
        try {
            // requireStable: the group coordinator answers from its latest state, as it does for a
            // write. Without it, a read right after this process's own offset commit sometimes
            // showed the state before that commit (seen as a position that did not move, about
            // once in five runs of the contract test on a Kafka 4 broker).
            return admin.listConsumerGroupOffsets(storage.groupId(group),
                    new ListConsumerGroupOffsetsOptions().requireStable(true)).partitionsToOffsetAndMetadata().get();
        } catch (ExecutionException e) {
            throw new LogException("cannot read offsets of group '" + group + "': " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Offsets of every partition past the group's committed place, less its acknowledgements beyond it. */
    long lag(String stream, String group) {
        if (storage.describe(storage.topic(stream)).isEmpty()) {
            return 0;
        }
        List<TopicPartition> all = storage.partitionsOf(stream);
        Map<TopicPartition, Long> starts = storage.offsets(all, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = storage.offsets(all, OffsetSpec.latest());
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        long lag = 0;
        for (TopicPartition tp : all) {
            OffsetAndMetadata o = committed.get(tp);
            long from = Math.max(starts.get(tp), o == null ? 0 : o.offset());
            long acked = o == null ? 0 : Acks.decode(o.metadata()).size();
            lag += Math.max(0, ends.get(tp) - from - acked);
        }
        return lag;
    }

    /** The positions acknowledged beyond the group's committed offsets, in every partition of the stream. */
    SortedSet<Long> acks(String stream, String group) {
        SortedSet<Long> out = new TreeSet<>();
        committed(group).forEach((tp, o) -> {
            if (o != null && tp.topic().equals(storage.topic(stream))) {
                Acks.decode(o.metadata()).forEach(off -> out.add(position(tp.partition(), off)));
            }
        });
        return out;
    }

    void ack(String stream, String group, Collection<Long> positions) {
        Map<TopicPartition, OffsetAndMetadata> next = advance(stream, group, positions);
        try {
            admin.alterConsumerGroupOffsets(storage.groupId(group), next).all().get();
        } catch (ExecutionException e) {
            throw new LogException("cannot acknowledge for group '" + group + "' (a group with running members"
                    + " acknowledges through them): " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** The group's commits after acknowledging {@code positions}, per partition they touch. */
    Map<TopicPartition, OffsetAndMetadata> advance(String stream, String group, Collection<Long> positions) {
        Map<Integer, List<Long>> byPartition = new HashMap<>();
        for (long p : positions) {
            byPartition.computeIfAbsent(partitionOf(p), k -> new ArrayList<>()).add(offsetOf(p));
        }
        Map<TopicPartition, OffsetAndMetadata> committed = committed(group);
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        byPartition.forEach((partition, offsets) -> {
            TopicPartition tp = new TopicPartition(storage.topic(stream), partition);
            OffsetAndMetadata o = committed.get(tp);
            Frontier f = new Frontier(o == null ? 0 : o.offset(), o == null ? Set.of() : Acks.decode(o.metadata()));
            f.ack(offsets);
            f.advance(from -> reader.read(tp, from, 500, storage.offset(tp, OffsetSpec.latest())));
            out.put(tp, f.commit());
        });
        return out;
    }
}
