package dev.sluice.log.spi;

import dev.sluice.log.LogEntry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One checkpoint of a pipeline for {@link LogStorage#commitCheckpoint}: the nodes' states, the
 * appends its sinks made since the last one, and the positions its consumer groups processed, to
 * be committed in one transaction.
 *
 * @param pipeline the pipeline's name
 * @param id the checkpoint's number, greater than the stored one's
 * @param at when the checkpoint's barrier left its source
 * @param states each stateful node's state, by node name; they replace the stored ones of those nodes
 * @param appends what to append, in order
 * @param acks what to acknowledge
 */
public record CheckpointCommit(String pipeline, long id, Instant at, Map<String, byte[]> states, List<Append> appends,
        List<Ack> acks) {
    /** Validates and copies. */
    public CheckpointCommit {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(at, "at");
        states = Map.copyOf(states);
        appends = List.copyOf(appends);
        acks = List.copyOf(acks);
    }

    /** Entries to append to {@code stream}. */
    public record Append(String stream, List<LogEntry> entries) {
        /** Copies. */
        public Append {
            entries = List.copyOf(entries);
        }
    }

    /** Positions of {@code stream} that consumer group {@code group} processed. */
    public record Ack(String stream, String group, List<Long> positions) {
        /** Copies. */
        public Ack {
            positions = List.copyOf(positions);
        }
    }
}
