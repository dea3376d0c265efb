package dev.sluice.log.spi;

import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import dev.sluice.log.Retention;
import dev.sluice.log.StreamInfo;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;

/**
 * Where the durable stream log keeps its data. Implementations are thread-safe and, for backends
 * on shared media, safe for several processes at once.
 *
 * <p>Positions are unique in a stream and grow in append order, starting at 1. The embedded
 * backends ({@link #gapFree()}) number records 1, 2, 3, ...; others may skip numbers (Kafka's
 * transaction markers take offsets) and may split a stream into partitions, each with positions
 * of its own range, growing in its own append order. A group's <em>position</em> is the next
 * position it has not processed; positions acknowledged beyond it (by windows that take records
 * out of order) are kept as <em>acks</em> until the position catches up with them: the position
 * moves past every acknowledged record that follows it, skipping numbers no record has.
 */
public interface LogStorage extends AutoCloseable {

    /** Creates the stream if it does not exist (get-or-create); safe to race. */
    void createStream(String name);

    /** True if positions are consecutive (a batch of n takes exactly n numbers); default true. */
    default boolean gapFree() {
        return true;
    }

    /**
     * Joins {@code group}'s consumers of {@code stream}. The default member reads the whole
     * stream through {@link #position}, {@link #acks}, {@link #read} and {@link #ack}; a
     * partitioning backend returns a member that owns a share of the partitions.
     */
    default GroupMember join(String stream, String group) {
        return new WholeStreamMember(this, stream, group);
    }

    /**
     * A number that changes whenever anything is committed to this storage, by any process; an
     * idle consumer compares it with the last one it saw and skips its queries when it is the
     * same. A storage that cannot tell returns a new number each time (no shortcut is taken).
     */
    default long version() {
        return System.nanoTime();
    }

    /** Deletes a stream with its records and groups; false if it did not exist. */
    boolean dropStream(String name);

    /** The names of all streams, sorted. */
    List<String> streamNames();

    /** Statistics of a stream, empty if it does not exist. */
    Optional<StreamInfo> stats(String name);

    /**
     * Appends entries atomically: all or none, in order, at consecutive positions when
     * {@link #gapFree()}. When this returns, the entries are as durable as the backend's
     * durability setting promises.
     *
     * @return the position of the first entry
     */
    long append(String stream, List<LogEntry> entries);

    /**
     * Up to {@code max} records with position >= {@code from}, in position order; on a
     * partitioned stream, from the partition {@code from} belongs to.
     */
    List<LogRecord> read(String stream, long from, int max);

    /** The group's next position to process; 1 for a new group. */
    long position(String stream, String group);

    /** Positions acknowledged beyond the group's position. */
    SortedSet<Long> acks(String stream, String group);

    /**
     * Up to {@code max} records of {@code stream}, at or after {@code from}, that {@code group} has
     * not acknowledged: behind neither its position nor one of its acks. What the default
     * {@link #join member} reads. The default asks {@link #position}, {@link #acks} and
     * {@link #read}; a backend that can answer with one query (one snapshot) overrides it.
     */
    default List<LogRecord> unacknowledged(String stream, String group, long from, int max) {
        SortedSet<Long> acks = acks(stream, group);
        List<LogRecord> out = new java.util.ArrayList<>();
        for (LogRecord r : read(stream, Math.max(from, position(stream, group)), max + acks.size())) {
            if (out.size() == max) {
                break;
            }
            if (!acks.contains(r.position())) {
                out.add(r);
            }
        }
        return out;
    }

    /** How many records of {@code stream} {@code group} has not acknowledged. */
    default long lag(String stream, String group) {
        StreamInfo info = stats(stream).orElse(null);
        if (info == null) {
            return 0;
        }
        long position = position(stream, group);
        long acked = acks(stream, group).size();
        return Math.max(0, info.nextPosition() - Math.max(position, info.firstPosition()) - acked);
    }

    /**
     * Acknowledges positions for a group; the group's position moves past every contiguous
     * acknowledged position. Idempotent.
     */
    void ack(String stream, String group, Collection<Long> positions);

    /**
     * Appends {@code entries} to {@code target} and acknowledges {@code positions} of
     * {@code source} for {@code group} in one transaction: exactly once from log to log.
     *
     * @return the position of the first appended entry in {@code target}
     */
    long appendAndAck(String target, List<LogEntry> entries, String source, String group, Collection<Long> positions);

    /** Stores the stream's retention rules, for every process that opens the log. */
    void setRetention(String stream, Retention retention);

    /** The stream's retention rules; {@link Retention#keepAll()} unless set. */
    Retention retention(String stream);

    /** The first position whose record is stamped at or after {@code time}, or the next position. */
    long positionAtOrAfter(String stream, Instant time);

    /**
     * {@link #positionAtOrAfter(String, Instant)} within one partition of a partitioned stream
     * (see {@link StreamInfo#partitions()}); a backend of one partition has only partition 0.
     */
    default long positionAtOrAfter(String stream, int partition, Instant time) {
        requirePartitionZero(partition);
        return positionAtOrAfter(stream, time);
    }

    /**
     * The smallest position such that the records from it on take at most {@code maxBytes}
     * (as counted by {@link StreamInfo#bytes()}), or the next position.
     */
    long positionKeepingBytes(String stream, long maxBytes);

    /** {@link #positionKeepingBytes(String, long)} within one partition of a partitioned stream. */
    default long positionKeepingBytes(String stream, int partition, long maxBytes) {
        requirePartitionZero(partition);
        return positionKeepingBytes(stream, maxBytes);
    }

    private static void requirePartitionZero(int partition) {
        if (partition != 0) {
            throw new IllegalArgumentException("this backend's streams have one partition, 0: " + partition);
        }
    }

    /** Deletes records of a stream with position < {@code position}; returns how many. */
    long deleteBefore(String stream, long position);

    /**
     * Commits a pipeline's checkpoint in one transaction: its appends, its acknowledgements, its
     * nodes' states and its number. A backend that cannot do that in one step refuses: exactly once
     * is then not to be had on it.
     *
     * @throws UnsupportedOperationException if this backend does not keep checkpoints
     * @throws IllegalStateException if the stored checkpoint's number is not below the new one's
     */
    default void commitCheckpoint(CheckpointCommit commit) {
        throw new UnsupportedOperationException("the log on " + getClass().getSimpleName() + " keeps no checkpoints");
    }

    /** The last committed checkpoint of {@code pipeline}, if any. */
    default java.util.Optional<StoredCheckpoint> checkpoint(String pipeline) {
        return java.util.Optional.empty();
    }

    /** Every pipeline's last checkpoint, without their states' bytes (empty maps), by pipeline name. */
    default List<StoredCheckpoint> checkpoints() {
        return List.of();
    }

    /** Forgets {@code pipeline}'s checkpoint, so that it starts from nothing; false if it had none. */
    default boolean dropCheckpoint(String pipeline) {
        return false;
    }

    /** Releases connections and files. */
    @Override
    void close();
}
