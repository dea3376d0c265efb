package dev.sluice.log;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One partition of a stream, in {@link StreamInfo#partitions()}. The embedded log has one
 * partition, 0, whose figures are the stream's; on Kafka, a stream is a topic, and each of its
 * partitions numbers its own positions ({@code partition × 2^40 + offset + 1}).
 *
 * @param partition the partition's number, from 0
 * @param firstPosition its oldest stored position, or its next position when none is stored
 * @param nextPosition the position its next record will get
 * @param groups each consumer group that has processed records of this partition, with its next
 *     position to process here
 */
public record PartitionInfo(int partition, long firstPosition, long nextPosition, Map<String, Long> groups) {

    /** Copies {@code groups}, sorted by name. */
    public PartitionInfo {
        if (partition < 0) {
            throw new IllegalArgumentException("partition must not be negative: " + partition);
        }
        groups = Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(groups, "groups")));
    }

    /**
     * Records of this partition {@code group} has not processed yet: a group that has processed
     * nothing here has all of them ahead of it. Records acknowledged out of order still count.
     */
    public long lag(String group) {
        long position = groups.getOrDefault(group, firstPosition);
        return Math.max(0, nextPosition - Math.max(position, firstPosition));
    }
}
