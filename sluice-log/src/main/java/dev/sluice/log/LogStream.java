package dev.sluice.log;

import dev.sluice.Generator;
import java.util.List;

/**
 * One named stream of a {@link StreamLog}. Appends are durable when they return; many threads
 * (and processes) may append at once, and concurrent single appends are committed together
 * (group commit).
 */
public interface LogStream {

    /** The stream's name. */
    String name();

    /** Appends bytes stamped with the log clock; returns the record's position. */
    long append(byte[] payload);

    /** Appends UTF-8 text stamped with the log clock; returns the record's position. */
    long append(String text);

    /** Appends a value encoded by {@code codec}; returns its position. */
    default <T> long append(T value, dev.sluice.Codec<T> codec) {
        return append(codec.encode(value));
    }

    /** Appends one entry; returns its position once it is committed (durable as the log's {@link Durability} says). */
    long append(LogEntry entry);

    /**
     * Queues one entry for the next group commit and returns at once: the future completes with
     * its position when the commit that holds it is done, or with the reason it failed. Entries
     * from one thread are committed in the order they were queued. This is how one thread keeps
     * many appends in flight (like a Kafka producer's {@code send}); a caller should bound how many
     * it leaves outstanding.
     */
    java.util.concurrent.CompletableFuture<Long> appendAsync(LogEntry entry);

    /** Appends entries atomically at consecutive positions; returns the first position. */
    long appendAll(List<LogEntry> entries);

    /** Up to {@code max} records from {@code position} on. */
    List<LogRecord> read(long position, int max);

    /**
     * The stored records with, for {@code group}, whether each has been processed (omega|ml's
     * {@code buffer()}); up to {@code max} records from the oldest stored (of a stream of several
     * partitions, the oldest by timestamp of all partitions).
     */
    List<Buffered> buffer(String group, int max);

    /** A consumer for {@code group} that processes windows chosen by {@code strategy}. */
    GroupConsumer consumer(String group, WindowStrategy strategy);

    /**
     * A pipeline source: a generator that emits the group's unprocessed records one at a time
     * and acknowledges each after the pipeline has accepted it; it follows the stream until the
     * pipeline stops it.
     */
    Generator<LogRecord> source(String group);

    /**
     * A pipeline sink appending each item to this stream ({@code pipe.process(stream.sink())}): a
     * {@link LogEntry}, bytes, text (UTF-8) or a keyed message (a {@link dev.sluice.Pair} of key and
     * value). Appends share the log's group commits; a source upstream acknowledges its input only
     * once they are durable. In a pipeline that checkpoints into this log, what it receives is
     * appended by the checkpoint that covers it, in one transaction with the state and the input
     * positions: exactly once from {@link #source} to here.
     */
    dev.sluice.Processor<Object, Void> sink();

    /** Sets the stream's retention rules (stored in the log, so every process applies them). */
    LogStream retention(Retention retention);

    /**
     * Deletes what the retention rules allow, now; returns how many records went. The log also
     * runs this for every stream periodically ({@link StreamLog.Options#housekeepEvery}).
     */
    long housekeep();

    /** Metadata: size, positions, groups. */
    StreamInfo info();

    /**
     * Records {@code group} has not acknowledged, in every partition of the stream (an unknown
     * group has acknowledged nothing). On Kafka, an upper bound: transaction markers the group
     * has not passed count too.
     */
    long lag(String group);

    /**
     * A record with its processed flag for one group.
     *
     * @param record the record
     * @param processed whether the group has processed it
     */
    record Buffered(LogRecord record, boolean processed) {}
}
