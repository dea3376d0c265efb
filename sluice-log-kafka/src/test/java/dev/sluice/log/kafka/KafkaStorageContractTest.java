package dev.sluice.log.kafka;

import dev.sluice.kafka.testing.Broker;

import dev.sluice.log.contract.LogStorageContractTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.log.LogRecord;
import dev.sluice.log.PartitionInfo;
import dev.sluice.log.StreamInfo;
import dev.sluice.log.spi.LogStorage;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The storage contract every backend passes, on a real single-node Kafka broker. Each test works
 * in a namespace of its own. Deleting topics between tests did not isolate them: deletion on
 * Kafka completes asynchronously, and a topic re-created under a name just deleted sometimes
 * showed the old topic's records or refused a transaction (about one run in twenty).
 */
class KafkaStorageContractTest extends LogStorageContractTest {
    @RegisterExtension
    static final Broker BROKER = new Broker();
    private static final AtomicInteger TESTS = new AtomicInteger();
    private String namespace;

    @Override
    protected LogStorage open() {
        namespace = "test" + TESTS.incrementAndGet() + ".";
        return KafkaStorage.builder(BROKER.conf()).namespace(namespace).build();
    }

    @Override
    protected LogStorage reopen() {
        storage.close();
        return KafkaStorage.builder(BROKER.conf()).namespace(namespace).build();
    }

    @Test
    void namespaces_keepStreamsAndGroupsApart_onOneCluster() {
        try (KafkaStorage a = KafkaStorage.builder(BROKER.conf()).namespace(namespace + "a.").build();
                KafkaStorage b = KafkaStorage.builder(BROKER.conf()).namespace(namespace + "b.").build();
                KafkaStorage all = KafkaStorage.builder(BROKER.conf()).build()) {
            a.createStream("s");
            b.createStream("s");
            a.append("s", List.of(entry("in a")));
            b.append("s", List.of(entry("in b")));
            assertEquals(List.of("in a"), texts(a.read("s", 1, 10)));
            assertEquals(List.of("in b"), texts(b.read("s", 1, 10)));
            assertEquals(List.of("s"), a.streamNames());
            long p = a.read("s", 1, 1).get(0).position();
            a.ack("s", "g", List.of(p));
            assertEquals(p + 1, a.position("s", "g"));
            assertEquals(1, b.position("s", "g"), "group g of namespace b has acknowledged nothing");
            assertEquals(java.util.Set.of("g"), a.stats("s").orElseThrow().groups().keySet());
            assertEquals(java.util.Map.of(), b.stats("s").orElseThrow().groups());
            assertTrue(all.streamNames().containsAll(List.of(namespace + "a.s", namespace + "b.s")),
                    "without a namespace, every topic is a stream: " + all.streamNames());
        }
    }

    /**
     * Kafka's default retention deletes records by timestamp after 7 days: the contract tests'
     * records, stamped 2026-01-01, disappeared within minutes of their append (their groups then
     * started past them), so a stream's topic keeps everything until Sluice's retention deletes it.
     */
    @Test
    void aStreamsTopic_keepsRecordsOfAnyAge_untilSluicesRetentionDeletesThem() throws Exception {
        storage.createStream("old-news");
        var topic = new org.apache.kafka.common.config.ConfigResource(
                org.apache.kafka.common.config.ConfigResource.Type.TOPIC, namespace + "old-news");
        try (var admin = org.apache.kafka.clients.admin.Admin.create(BROKER.conf())) {
            var config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertEquals("-1", config.get("retention.ms").value());
            assertEquals("-1", config.get("retention.bytes").value());
        }
    }

    /**
     * A storage whose streams have two partitions, with stream {@code split}: batches without keys
     * go to one partition each, in turn, so [a, b] went to one and [c] to the other.
     */
    private KafkaStorage twoPartitionsWithSplit() {
        KafkaStorage two = KafkaStorage.builder(BROKER.conf()).namespace(namespace + "two.").partitions(2).build();
        two.createStream("split");
        two.append("split", List.of(entry("a"), entry("b")));
        two.append("split", List.of(entry("c")));
        return two;
    }

    /** The count covers both partitions. */
    @Test
    void aStreamsRecordCount_coversEveryPartition() {
        try (KafkaStorage two = twoPartitionsWithSplit()) {
            // offsets, with one transaction marker per append: 3 in one partition, 2 in the other
            assertEquals(5, two.stats("split").orElseThrow().records());
            assertEquals(5, two.lag("split", "g"), "a new group has every offset of both partitions to go");
            List<Long> all = new java.util.ArrayList<>();
            for (int p = 0; p < 2; p++) {
                two.read("split", KafkaStorage.position(p, 0), 10).forEach(r -> all.add(r.position()));
            }
            assertEquals(3, all.size());
            two.ack("split", "g", all);
            long lag = two.lag("split", "g");
            assertTrue(lag <= 2, "at most the two markers are left: " + lag);
        }
    }

    /**
     * Each partition numbers its own positions: info shows each one's, and a group that has
     * processed records of partition 1 only is listed too, with its lag over both partitions.
     */
    @Test
    void aStreamsInfo_showsEveryPartition_andGroupsOfAnyPartition() {
        try (KafkaStorage two = twoPartitionsWithSplit()) {
            List<List<Long>> byPartition = new java.util.ArrayList<>();
            for (int p = 0; p < 2; p++) {
                byPartition.add(two.read("split", KafkaStorage.position(p, 0), 10).stream().map(LogRecord::position).toList());
            }
            int acked = byPartition.get(0).size() == 1 ? 0 : 1; // the partition that got one record
            int other = 1 - acked;
            two.ack("split", "g", byPartition.get(acked));

            StreamInfo info = two.stats("split").orElseThrow();
            assertEquals(2, info.partitions().size());
            for (int p = 0; p < 2; p++) {
                PartitionInfo part = info.partitions().get(p);
                assertEquals(p, part.partition());
                assertEquals(KafkaStorage.position(p, 0), part.firstPosition());
                long last = byPartition.get(p).getLast();
                assertEquals(last + 2, part.nextPosition(), "after the last record and its transaction's marker");
            }
            assertEquals(info.partitions().get(0).firstPosition(), info.firstPosition(), "stream level: partition 0");
            assertEquals(Map.of(), info.partitions().get(other).groups());
            long committed = info.partitions().get(acked).groups().get("g");
            assertTrue(committed > byPartition.get(acked).getLast(), "past the acknowledged record: " + committed);
            assertEquals(Set.of("g"), info.groups().keySet(), "a group of any partition is the stream's");
            assertEquals(info.partitions().get(other).nextPosition() - info.partitions().get(other).firstPosition(),
                    info.partitions().get(other).lag("g"), "nothing processed in the other partition");
            assertEquals(info.partitions().get(0).lag("g") + info.partitions().get(1).lag("g"), info.lag("g"));
            assertEquals(two.lag("split", "g"), info.lag("g"), "the same as the storage's lag: no out-of-order acks here");
        }
    }

    @Test
    void aNamespaceKafkaWouldRefuseInATopicName_isRefused() {
        var builder = KafkaStorage.builder(BROKER.conf());
        var e = assertThrows(IllegalArgumentException.class, () -> builder.namespace("team/a"));
        assertTrue(e.getMessage().contains("team/a"), e.getMessage());
    }
}
