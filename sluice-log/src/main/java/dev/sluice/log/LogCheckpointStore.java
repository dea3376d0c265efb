package dev.sluice.log;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointStore;
import dev.sluice.log.spi.CheckpointCommit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A pipeline's checkpoints in a durable stream log ({@link StreamLog#checkpoints(String)}): each
 * checkpoint commits, in one transaction of the log, the nodes' states, what the pipeline's
 * {@code log.append} sinks wrote since the last one ({@link Append}) and what its {@code log.read}
 * sources read ({@link Ack}). A pipeline whose sources and sinks are all on this log is therefore
 * exactly once: after a crash it restarts from its last checkpoint, and no record is read or
 * written twice.
 */
public final class LogCheckpointStore implements CheckpointStore {
    /**
     * Entries a sink appends to a stream of the log at {@code location}, with the checkpoint.
     *
     * @param location the log's {@link StreamLog#location()}
     * @param stream the stream
     * @param entries what to append, in order
     */
    public record Append(String location, String stream, List<LogEntry> entries) {
        /** Copies. */
        public Append {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(stream, "stream");
            entries = List.copyOf(entries);
        }
    }

    /**
     * Positions of a stream of the log at {@code location} that a source read for consumer group
     * {@code group}, acknowledged with the checkpoint.
     */
    public record Ack(String location, String stream, String group, List<Long> positions) {
        /** Copies. */
        public Ack {
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(group, "group");
            positions = List.copyOf(positions);
        }
    }

    private final DefaultStreamLog log;
    private final String pipeline;
    private final boolean ownsLog;

    LogCheckpointStore(DefaultStreamLog log, String pipeline, boolean ownsLog) {
        this.log = log;
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.ownsLog = ownsLog;
    }

    /**
     * The checkpoints of pipeline {@code pipeline} in the embedded log in {@code directory}, on a
     * log of its own, which closing the store closes.
     */
    public static LogCheckpointStore open(java.nio.file.Path directory, String pipeline) {
        DefaultStreamLog log = (DefaultStreamLog) StreamLog.open(directory);
        return new LogCheckpointStore(log, pipeline, true);
    }

    /** The pipeline whose checkpoints these are. */
    public String pipeline() {
        return pipeline;
    }

    @Override
    public Optional<Checkpoint> latest() {
        return log.storage.checkpoint(pipeline)
                .map(c -> new Checkpoint(c.id(), c.at(), c.states(), List.of()));
    }

    @Override
    public boolean takes(Object part) {
        return part instanceof Append a && a.location().equals(log.location())
                || part instanceof Ack k && k.location().equals(log.location());
    }

    @Override
    public void commit(Checkpoint checkpoint) {
        List<CheckpointCommit.Append> appends = new ArrayList<>();
        Map<List<String>, List<Long>> acks = new LinkedHashMap<>();
        for (Object part : checkpoint.parts()) {
            if (!takes(part)) {
                throw new IllegalStateException("checkpoint " + checkpoint.id() + " of pipeline '" + pipeline + "' has "
                        + describe(part) + ", which the log at " + log.location() + " cannot commit with it: for"
                        + " exactly once, every log.read and log.append of the pipeline must use that log");
            }
            if (part instanceof Append a) {
                appends.add(new CheckpointCommit.Append(a.stream(), a.entries()));
            } else if (part instanceof Ack a) {
                acks.computeIfAbsent(List.of(a.stream(), a.group()), k -> new ArrayList<>()).addAll(a.positions());
            }
        }
        List<CheckpointCommit.Ack> merged = new ArrayList<>();
        acks.forEach((k, positions) -> merged.add(new CheckpointCommit.Ack(k.get(0), k.get(1), positions)));
        log.storage.commitCheckpoint(new CheckpointCommit(pipeline, checkpoint.id(), checkpoint.at(), checkpoint.states(),
                appends, merged));
        new LinkedHashSet<>(appends.stream().map(CheckpointCommit.Append::stream).toList()).forEach(log::appended);
    }

    private static String describe(Object part) {
        return switch (part) {
            case Append a -> "appends to '" + a.stream() + "' in the log at " + a.location();
            case Ack a -> "records of '" + a.stream() + "' read from the log at " + a.location();
            default -> "a part it does not know (" + part + ")";
        };
    }

    /**
     * Forgets the pipeline's checkpoint: it starts from nothing next time (its consumer groups keep
     * their positions). False if it had none.
     */
    public boolean drop() {
        return log.storage.dropCheckpoint(pipeline);
    }

    /** Closes the log if this store opened it. */
    @Override
    public void close() {
        if (ownsLog) {
            log.close();
        }
    }

    @Override
    public String toString() {
        return "checkpoints of pipeline '" + pipeline + "' in the log at " + log.location();
    }
}
