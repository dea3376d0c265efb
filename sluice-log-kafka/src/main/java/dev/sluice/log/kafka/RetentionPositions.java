package dev.sluice.log.kafka;

import static dev.sluice.log.kafka.KafkaStorage.interrupted;
import static dev.sluice.log.kafka.KafkaStorage.offsetOf;
import static dev.sluice.log.kafka.KafkaStorage.partitionOf;
import static dev.sluice.log.kafka.KafkaStorage.position;

import dev.sluice.log.LogException;
import dev.sluice.log.LogRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;

/**
 * What Sluice's retention asks of the log on Kafka: each stream's metadata (its creation time and
 * retention rule, kept in a compacted topic of its own), the positions where a partition's records
 * reach a time or a size, and the deletion of what comes before a position (Kafka's
 * {@code deleteRecords}, which moves the partition's low watermark).
 */
final class RetentionPositions {
    private final KafkaStorage storage;
    private final Admin admin;
    private final Reader reader;
    private final String metaTopic;

    RetentionPositions(KafkaStorage storage, Admin admin, Reader reader, String metaTopic) {
        this.storage = storage;
        this.admin = admin;
        this.reader = reader;
        this.metaTopic = metaTopic;
    }

    /** Every stream's metadata, read from the meta topic's start: the last record of a key wins. */
    Map<String, Meta> meta() {
        if (storage.describe(metaTopic).isEmpty()) {
            return Map.of();
        }
        TopicPartition tp = new TopicPartition(metaTopic, 0);
        Map<String, Meta> out = new HashMap<>();
        long end = storage.offset(tp, OffsetSpec.latest());
        long at = 0;
        while (at < end) {
            List<LogRecord> chunk = reader.read(tp, at, 500, end);
            if (chunk.isEmpty()) {
                break;
            }
            for (LogRecord r : chunk) {
                String key = new String(r.key(), StandardCharsets.UTF_8);
                if (r.payload().length == 0) {
                    out.remove(key);
                } else {
                    out.put(key, Meta.decode(r.text()));
                }
                at = offsetOf(r.position()) + 1;
            }
        }
        return out;
    }

    /** The first record of the partition stamped at or after {@code time}, or its end. */
    long atOrAfter(String stream, int partition, Instant time) {
        TopicPartition tp = new TopicPartition(storage.topic(stream), partition);
        long end = storage.offset(tp, OffsetSpec.latest());
        long offset = storage.offset(tp, OffsetSpec.forTimestamp(time.toEpochMilli()));
        if (offset < 0) {
            return position(partition, end);
        }
        // the offset found may be a transaction marker's (stamped when committed): the next record
        List<LogRecord> at = reader.read(tp, offset, 1, end);
        return at.isEmpty() ? position(partition, end) : at.get(0).position();
    }

    /** The first position of the partition's newest records that together hold at most {@code maxBytes}. */
    long keepingBytes(String stream, int partition, long maxBytes) {
        TopicPartition tp = new TopicPartition(storage.topic(stream), partition);
        long end = storage.offset(tp, OffsetSpec.latest());
        List<long[]> sizes = new ArrayList<>(); // offset, bytes
        long at = storage.offset(tp, OffsetSpec.earliest());
        while (at < end) {
            List<LogRecord> chunk = reader.read(tp, at, 500, end);
            if (chunk.isEmpty()) {
                break;
            }
            for (LogRecord r : chunk) {
                sizes.add(new long[] {offsetOf(r.position()), RecordFormat.bytes(r)});
                at = offsetOf(r.position()) + 1;
            }
        }
        long kept = 0;
        long cut = end;
        for (int i = sizes.size() - 1; i >= 0; i--) {
            kept += sizes.get(i)[1];
            if (kept > maxBytes) {
                break;
            }
            cut = sizes.get(i)[0];
        }
        return position(partition, cut);
    }

    /** Deletes the records of {@code position}'s partition before it; returns how many went. */
    long deleteBefore(String stream, long position) {
        TopicPartition tp = new TopicPartition(storage.topic(stream), partitionOf(position));
        long before = Math.min(offsetOf(position), storage.offset(tp, OffsetSpec.latest()));
        long low = storage.offset(tp, OffsetSpec.earliest());
        if (before <= low) {
            return 0;
        }
        try {
            long now = admin.deleteRecords(Map.of(tp, RecordsToDelete.beforeOffset(before))).lowWatermarks().get(tp)
                    .get().lowWatermark();
            return now - low;
        } catch (ExecutionException e) {
            throw new LogException("cannot delete records of '" + stream + "': " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }
}
