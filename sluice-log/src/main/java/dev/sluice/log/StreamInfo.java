package dev.sluice.log;

import java.time.Instant;
import java.util.Map;

/**
 * What a backend knows about one stream.
 *
 * @param name stream name
 * @param created when it was created
 * @param records records currently stored (after retention)
 * @param bytes payload, key and header bytes currently stored (the data, not the file's size)
 * @param firstPosition the oldest stored position, or the next position when none is stored
 * @param nextPosition the position the next append will get
 * @param groups each consumer group's next position to process
 * @param retention the stream's retention rules
 */
public record StreamInfo(String name, Instant created, long records, long bytes, long firstPosition,
        long nextPosition, Map<String, Long> groups, Retention retention) {

    /**
     * Records {@code group} has not processed yet (an unknown group has processed nothing);
     * records acknowledged out of order by a custom window strategy still count. Computed from
     * the positions here, which on Kafka are partition 0's: {@link LogStream#lag} counts every
     * partition.
     */
    public long lag(String group) {
        long position = groups.getOrDefault(group, 1L);
        return Math.max(0, nextPosition - Math.max(position, firstPosition));
    }
}
