package dev.sluice.log.kafka;

import dev.sluice.log.LogRecord;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.function.LongFunction;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * A group's place in one partition: the committed offset (the first record not known to be
 * acknowledged) and the offsets acknowledged beyond it. The offset moves past acknowledged
 * records in the order the partition holds them, stepping over offsets no record has (markers).
 */
final class Frontier {
    long offset;
    final TreeSet<Long> acked = new TreeSet<>();

    Frontier(long offset, Collection<Long> acked) {
        this.offset = offset;
        ack(acked);
    }

    Frontier copy() {
        return new Frontier(offset, acked);
    }

    void ack(Collection<Long> offsets) {
        for (long o : offsets) {
            if (o >= offset) {
                acked.add(o);
            }
        }
    }

    /** Moves the offset past the acknowledged records that follow it, read with {@code fetch}. */
    void advance(LongFunction<List<LogRecord>> fetch) {
        while (!acked.isEmpty()) {
            List<LogRecord> chunk = fetch.apply(offset);
            if (chunk.isEmpty()) {
                return;
            }
            for (LogRecord r : chunk) {
                long o = KafkaStorage.offsetOf(r.position());
                if (!acked.remove(o)) {
                    offset = Math.max(offset, o);
                    return;
                }
                offset = o + 1;
            }
        }
    }

    /** Moves past {@code o}, a record just acknowledged and known to be the next one held. */
    void pass(long o) {
        acked.remove(o);
        offset = Math.max(offset, o + 1);
    }

    OffsetAndMetadata commit() {
        acked.headSet(offset).clear();
        return new OffsetAndMetadata(offset, Acks.encode(acked));
    }
}
