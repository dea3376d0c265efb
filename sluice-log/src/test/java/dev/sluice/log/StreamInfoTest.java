package dev.sluice.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A stream's info over several partitions: its groups, its lag, and the partitions' order. */
class StreamInfoTest {
    static final long P1 = (1L << 40) + 1; // partition 1's first position on Kafka

    @Test
    void ofPartitions_listsAGroupOfAnyPartition_atPartitionZerosPosition_andSumsTheLag() {
        StreamInfo info = StreamInfo.ofPartitions("s", Instant.EPOCH, 9, 900, Retention.keepAll(), List.of(
                new PartitionInfo(0, 1, 6, Map.of("a", 4L)),
                new PartitionInfo(1, P1, P1 + 4, Map.of("b", P1 + 4, "a", P1 + 1))));
        assertEquals(List.of("a", "b"), List.copyOf(info.groups().keySet()), "sorted by name");
        assertEquals(4L, info.groups().get("a"));
        assertEquals(1L, info.groups().get("b"), "b has processed nothing in partition 0: its first position");
        assertEquals(2 + 3, info.lag("a"));
        assertEquals(5 + 0, info.lag("b"));
        assertEquals(5 + 4, info.lag("nobody"), "an unknown group has everything ahead");
        assertEquals(1, info.firstPosition());
        assertEquals(6, info.nextPosition());
    }

    @Test
    void partitionsOutOfOrder_areRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> StreamInfo.ofPartitions("s", Instant.EPOCH, 0, 0,
                Retention.keepAll(), List.of(new PartitionInfo(1, P1, P1, Map.of()), new PartitionInfo(0, 1, 1, Map.of()))));
        assertTrue(e.getMessage().contains("[1, 0]"), e.getMessage());
    }
}
