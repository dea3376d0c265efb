package dev.sluice.log.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.kafka.Broker;
import dev.sluice.log.LogStorageContractTest;
import dev.sluice.log.spi.LogStorage;
import java.util.List;
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

    /** Batches without keys go to one partition each, in turn: the count covers both partitions. */
    @Test
    void aStreamsRecordCount_coversEveryPartition() {
        try (KafkaStorage two = KafkaStorage.builder(BROKER.conf()).namespace(namespace + "two.").partitions(2).build()) {
            two.createStream("split");
            two.append("split", List.of(entry("a"), entry("b")));
            two.append("split", List.of(entry("c")));
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

    @Test
    void aNamespaceKafkaWouldRefuseInATopicName_isRefused() {
        var builder = KafkaStorage.builder(BROKER.conf());
        var e = assertThrows(IllegalArgumentException.class, () -> builder.namespace("team/a"));
        assertTrue(e.getMessage().contains("team/a"), e.getMessage());
    }
}
