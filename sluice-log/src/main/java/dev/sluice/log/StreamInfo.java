package dev.sluice.log;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a backend knows about one stream.
 *
 * <p>A stream of several partitions (the log on Kafka) has a sequence of positions per partition:
 * {@link #partitions()} gives each one's positions and groups. The stream-level
 * {@code firstPosition}, {@code nextPosition} and group positions are partition 0's, where the
 * positions of a one-partition stream are.
 *
 * @param name stream name
 * @param created when it was created
 * @param records records currently stored (after retention), in every partition
 * @param bytes payload, key and header bytes currently stored (the data, not the file's size)
 * @param firstPosition the oldest stored position of partition 0, or its next position when none
 *     is stored
 * @param nextPosition the position partition 0's next record will get
 * @param groups every consumer group that has processed records of the stream, with its next
 *     position to process in partition 0 (partition 0's first position if it has processed none
 *     there)
 * @param retention the stream's retention rules
 * @param partitions each partition, in order; one for a one-partition stream
 */
public record StreamInfo(String name, Instant created, long records, long bytes, long firstPosition,
        long nextPosition, Map<String, Long> groups, Retention retention, List<PartitionInfo> partitions) {

    /** Copies the groups (sorted by name) and the partitions, which must be numbered 0 to n-1 in order. */
    public StreamInfo {
        groups = java.util.Collections.unmodifiableMap(new TreeMap<>(Objects.requireNonNull(groups, "groups")));
        partitions = List.copyOf(Objects.requireNonNull(partitions, "partitions"));
        if (partitions.isEmpty()) {
            throw new IllegalArgumentException("a stream has at least one partition");
        }
        for (int i = 0; i < partitions.size(); i++) {
            if (partitions.get(i).partition() != i) {
                throw new IllegalArgumentException("partitions must be numbered 0 to " + (partitions.size() - 1)
                        + " in order: " + partitions.stream().map(PartitionInfo::partition).toList());
            }
        }
    }

    /** A stream of one partition, whose positions and groups are the stream's. */
    public StreamInfo(String name, Instant created, long records, long bytes, long firstPosition,
            long nextPosition, Map<String, Long> groups, Retention retention) {
        this(name, created, records, bytes, firstPosition, nextPosition, groups, retention,
                List.of(new PartitionInfo(0, firstPosition, nextPosition, groups)));
    }

    /**
     * A stream of several partitions: the stream-level positions are partition 0's, and every
     * group of any partition is listed (see {@link #groups()}).
     */
    public static StreamInfo ofPartitions(String name, Instant created, long records, long bytes,
            Retention retention, List<PartitionInfo> partitions) {
        PartitionInfo first = partitions.get(0);
        Map<String, Long> groups = new TreeMap<>();
        for (PartitionInfo p : partitions) {
            p.groups().keySet().forEach(g -> groups.put(g, first.groups().getOrDefault(g, first.firstPosition())));
        }
        return new StreamInfo(name, created, records, bytes, first.firstPosition(), first.nextPosition(), groups,
                retention, partitions);
    }

    /**
     * Records {@code group} has not processed yet, in every partition (an unknown group has
     * processed nothing); records acknowledged out of order by a custom window strategy still
     * count, which {@link LogStream#lag} does not.
     */
    public long lag(String group) {
        return partitions.stream().mapToLong(p -> p.lag(group)).sum();
    }
}
