package dev.sluice.log.kafka;

import dev.sluice.kafka.testing.Broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.log.GroupConsumer;
import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamLog;
import dev.sluice.log.WindowStrategy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stream log's producers, consumer groups and pipeline source on a real Kafka broker. */
class KafkaLogTest {
    @RegisterExtension
    static final Broker BROKER = new Broker();

    static StreamLog open(int partitions) {
        return StreamLog.on(KafkaStorage.builder(BROKER.conf()).partitions(partitions).build(),
                StreamLog.Options.defaults().withPollInterval(Duration.ofMillis(10)));
    }

    /** Runs {@code step} until {@code done}, failing after a minute instead of hanging. */
    static void until(BooleanSupplier done, ThrowingStep step) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!done.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "gave up waiting");
            step.run();
        }
    }

    interface ThrowingStep {
        void run() throws Exception;
    }

    static List<LogEntry> keyed(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> new LogEntry(("k" + i % 40).getBytes(StandardCharsets.UTF_8),
                ("e" + i).getBytes(StandardCharsets.UTF_8), Map.of(), java.time.Instant.now())).toList();
    }

    /** omega|ml's buffer() over two partitions: the oldest records of both, by timestamp. */
    @Test
    void buffer_showsTheOldestRecordsOfEveryPartition_withWhatTheGroupProcessed() {
        KafkaStorage storage = KafkaStorage.builder(BROKER.conf()).namespace("buffer.").partitions(2).build();
        try (StreamLog log = StreamLog.on(storage, StreamLog.Options.defaults())) {
            LogStream split = log.stream("split");
            java.time.Instant t = java.time.Instant.parse("2026-03-01T10:00:00Z");
            List<Long> positions = new ArrayList<>();
            for (int i = 0; i < 4; i++) { // one record per append: the partitions take turns
                positions.add(split.append(new LogEntry(null, ("r" + i).getBytes(StandardCharsets.UTF_8), Map.of(),
                        t.plusSeconds(i))));
            }
            assertEquals(2, positions.stream().map(KafkaStorage::partitionOf).distinct().count(), positions::toString);
            storage.ack("split", "g", List.of(positions.get(0), positions.get(1)));

            List<LogStream.Buffered> all = split.buffer("g", 10);
            assertEquals(List.of("r0", "r1", "r2", "r3"), all.stream().map(b -> b.record().text()).toList());
            assertEquals(List.of(true, true, false, false), all.stream().map(LogStream.Buffered::processed).toList());
            assertEquals(List.of("r0", "r1"), split.buffer("g", 2).stream().map(b -> b.record().text()).toList());
            assertEquals(List.of(false, false, false, false),
                    split.buffer("other", 10).stream().map(LogStream.Buffered::processed).toList());
        }
    }

    /**
     * Retention on two partitions: an age limit cuts each partition at its own old records, and
     * dropping processed records cuts only where every group has processed them.
     */
    @Test
    void retention_appliesToEachPartition() {
        KafkaStorage storage = KafkaStorage.builder(BROKER.conf()).namespace("retention.").partitions(2).build();
        try (StreamLog log = StreamLog.on(storage, StreamLog.Options.defaults())) {
            LogStream split = log.stream("split");
            java.time.Instant now = java.time.Instant.now();
            List<java.time.Instant> stamps = List.of(now.minus(Duration.ofDays(10)), now.minus(Duration.ofDays(9)),
                    now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
            List<Long> positions = new ArrayList<>();
            for (int i = 0; i < 4; i++) { // the partitions take turns: each gets one old and one new record
                positions.add(split.append(new LogEntry(null, ("r" + i).getBytes(StandardCharsets.UTF_8), Map.of(),
                        stamps.get(i))));
            }
            assertEquals(2, positions.stream().map(KafkaStorage::partitionOf).distinct().count(), positions::toString);

            split.retention(dev.sluice.log.Retention.keepAll().withMaxAge(Duration.ofDays(1)));
            assertTrue(split.housekeep() >= 2, "the two old records (and their transactions' markers)");
            assertEquals(List.of("r2", "r3"), split.buffer("g", 10).stream().map(b -> b.record().text()).toList());

            storage.ack("split", "g", List.of(positions.get(3))); // g has processed r3's partition only
            split.retention(dev.sluice.log.Retention.dropWhenProcessed());
            assertTrue(split.housekeep() >= 1);
            assertEquals(List.of("r2"), split.buffer("g", 10).stream().map(b -> b.record().text()).toList(),
                    "r2's partition: g has processed nothing there");
            assertEquals(0, split.housekeep(), "nothing more to delete");
        }
    }

    @Test
    void windowsRetriesDeadLettersAndTransfers_workAsOnTheEmbeddedLog() throws Exception {
        try (StreamLog log = open(1)) {
            LogStream orders = log.stream("orders");
            orders.append("ok-1");
            long poison = orders.append("poison");
            orders.append("ok-2");
            List<String> done = new ArrayList<>();
            GroupConsumer billing = orders.consumer("billing", WindowStrategy.count(1)).retry(2, Duration.ZERO);
            until(() -> done.size() == 2, () -> billing.runOnce(w -> {
                if (w.texts().contains("poison")) {
                    throw new IllegalStateException("cannot bill " + w.texts());
                }
                done.addAll(w.texts());
            }));
            assertEquals(List.of("ok-1", "ok-2"), done);
            List<LogRecord> dead = log.stream("orders.dead-letter").read(1, 10);
            assertEquals(List.of("poison"), dead.stream().map(LogRecord::text).toList());
            assertEquals(Long.toString(poison), dead.get(0).headers().get("sluice.position"));
            assertEquals("cannot bill [poison]", dead.get(0).headers().get("sluice.error"));
            billing.stop();

            LogStream raw = log.stream("raw");
            LogStream clean = log.stream("clean");
            raw.append(" a ");
            raw.append(" b ");
            GroupConsumer cleaner = raw.consumer("cleaner", WindowStrategy.count(2));
            until(() -> clean.read(1, 10).size() == 2, () -> cleaner.transferOnce(clean,
                    w -> w.texts().stream().map(t -> LogEntry.of(t.trim())).toList()));
            assertEquals(List.of("a", "b"), clean.read(1, 10).stream().map(LogRecord::text).toList());
            cleaner.stop();
            // the input was committed in the same transaction as the output
            long lastIn = raw.read(1, 10).get(1).position();
            long group = log.stream("raw").info().groups().get("cleaner");
            assertTrue(group > lastIn && group <= raw.info().nextPosition(), "group at " + group);
        }
    }

    @Test
    void membersOfOneGroupShareTheStreamsPartitions_andTakeOverWhenOneLeaves() throws Exception {
        try (StreamLog log = open(4); Admin admin = Admin.create(BROKER.conf())) {
            LogStream events = log.stream("events");
            AtomicReference<CountDownLatch> progress = new AtomicReference<>(new CountDownLatch(400));
            List<Member> members = List.of(new Member(events, progress), new Member(events, progress));
            members.forEach(Member::start);
            // both joined and hold two partitions each before anything is written (asks the broker)
            until(() -> assignment(admin, "counters").values().stream().filter(s -> s.size() == 2).count() == 2,
                    () -> { });
            events.appendAll(keyed(0, 400));
            assertTrue(progress.get().await(60, TimeUnit.SECONDS), "processed " + processed(members).size());
            assertEquals(expected(0, 400), new TreeSet<>(processed(members)));
            for (Member m : members) {
                assertEquals(2, m.partitions.size(), "each member read only its own two partitions: " + m.partitions);
            }
            Set<Integer> all = new HashSet<>(members.get(0).partitions);
            all.addAll(members.get(1).partitions);
            assertEquals(Set.of(0, 1, 2, 3), all);

            members.get(0).stop(); // leaves the group: the other member takes its partitions
            progress.set(new CountDownLatch(100));
            events.appendAll(keyed(400, 500));
            assertTrue(progress.get().await(60, TimeUnit.SECONDS), "processed " + processed(members).size());
            members.get(1).stop();
            List<String> everything = processed(members);
            assertEquals(expected(0, 500), new TreeSet<>(everything));
            assertEquals(500, everything.size(), "nothing twice: a leaving member commits what it finished");
            assertEquals(Set.of(0, 1, 2, 3), members.get(1).partitions);
        }
    }

    @Test
    void aPipelineSourceReadsEveryPartition_andCommitsAllItProcessedWhenStopped() throws Exception {
        try (StreamLog log = open(3); Admin admin = Admin.create(BROKER.conf())) {
            LogStream clicks = log.stream("clicks");
            clicks.appendAll(keyed(0, 300));
            List<String> seen = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch all = new CountDownLatch(300);
            Pipeline p = Sluice.pipeline().build();
            p.generate("clicks", clicks.source("dashboard"))
                    .to(p.node("render", (LogRecord r, dev.sluice.Emitter<String> out) -> out.emit(r.text()), 64))
                    .sink(t -> {
                        seen.add(t);
                        all.countDown();
                    });
            p.start();
            assertTrue(all.await(60, TimeUnit.SECONDS), "seen " + seen.size());
            p.stop();
            p.await();
            assertEquals(dev.sluice.PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
            assertEquals(expected(0, 300), new TreeSet<>(seen));
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("dashboard").partitionsToOffsetAndMetadata().get();
            for (int partition = 0; partition < 3; partition++) {
                TopicPartition tp = new TopicPartition("clicks", partition);
                long end = admin.listOffsets(Map.of(tp, OffsetSpec.latest())).partitionResult(tp).get().offset();
                assertEquals(end, committed.get(tp).offset(), "partition " + partition + " committed to its end: " + committed);
            }
        }
    }

    static TreeSet<String> expected(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> "e" + i).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
    }

    static List<String> processed(List<Member> members) {
        List<String> out = new ArrayList<>();
        members.forEach(m -> out.addAll(m.texts));
        return out;
    }

    /** Partitions per member of a group, as the broker sees them. */
    static Map<String, Set<TopicPartition>> assignment(Admin admin, String group) {
        try {
            var d = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            Map<String, Set<TopicPartition>> out = new java.util.HashMap<>();
            d.members().forEach(m -> out.put(m.consumerId(), m.assignment().topicPartitions()));
            return out;
        } catch (Exception e) {
            return Map.of(); // the group does not exist yet
        }
    }

    /** A consumer in the "counters" group, running on a thread of its own. */
    static final class Member {
        final GroupConsumer consumer;
        final List<String> texts = new CopyOnWriteArrayList<>();
        final Set<Integer> partitions = Collections.synchronizedSet(new TreeSet<>());
        private final AtomicReference<CountDownLatch> progress;
        private Thread thread;

        Member(LogStream stream, AtomicReference<CountDownLatch> progress) {
            consumer = stream.consumer("counters", WindowStrategy.count(1));
            this.progress = progress;
        }

        void start() {
            thread = Thread.ofPlatform().name("member").start(() -> {
                try {
                    consumer.run(w -> {
                        for (LogRecord r : w.records()) {
                            partitions.add(KafkaStorage.partitionOf(r.position()));
                        }
                        texts.addAll(w.texts());
                        w.texts().forEach(t -> progress.get().countDown());
                    });
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        void stop() throws InterruptedException {
            consumer.stop();
            thread.join();
            assertFalse(thread.isAlive());
        }
    }
}
