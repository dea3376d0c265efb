package dev.sluice.log.spi;

import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import java.util.Collection;
import java.util.List;

/**
 * One consumer's seat in a consumer group of a stream ({@link LogStorage#join}). A backend that
 * splits streams into partitions (Kafka) gives each member a share of them and moves them between
 * members as members come and go; the default member reads the whole stream.
 *
 * <p>One thread reads through a member; {@link #ack} may be called from any thread.
 */
public interface GroupMember extends AutoCloseable {

    /**
     * Up to {@code max} records the group has not acknowledged, oldest first, in position order
     * within each partition: what a window consumer chooses its next window from. The same records
     * come again until they are acknowledged.
     */
    List<LogRecord> unacknowledged(int max);

    /**
     * Up to {@code max} unacknowledged records after the last one this method returned: a
     * pipeline source's view, which goes on reading while earlier records are still in flight.
     */
    List<LogRecord> next(int max);

    /** Acknowledges records this member read; idempotent; any thread. */
    void ack(Collection<Long> positions);

    /**
     * Appends {@code entries} to {@code target} and acknowledges {@code positions} in one
     * transaction: exactly once from log to log.
     *
     * @return the position of the first appended entry
     */
    long appendAndAck(String target, List<LogEntry> entries, Collection<Long> positions);

    /**
     * Records of this member's share that the group has not acknowledged yet. Exact on gap-free
     * backends; on Kafka it is counted in offsets and may include transaction markers the member
     * has not read past yet (one per append at most).
     */
    long lag();

    /** Makes the acknowledgements durable and leaves the group. */
    @Override
    void close();
}
