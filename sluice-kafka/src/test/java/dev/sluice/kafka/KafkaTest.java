package dev.sluice.kafka;

import dev.sluice.kafka.testing.Broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Bindings;
import dev.sluice.Pair;
import dev.sluice.Pipeline;
import dev.sluice.PipelineState;
import dev.sluice.Sluice;
import dev.sluice.rocksdb.Cache;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Against a real single-node Kafka broker started by the test, on loopback. */
class KafkaTest {
    @RegisterExtension
    static final Broker BROKER = new Broker();

    @TempDir
    Path dir;

    @Test
    void sinkThenSource_deliversEveryRecordInOrder_andCommitsWhatWasProcessed() throws Exception {
        KafkaConf conf = KafkaConf.of(BROKER.conf());
        Topic topic = conf.topic("orders");
        try (Pipeline producer = Sluice.pipeline().name("producer").build()) {
            producer.fromIterable("numbers", IntStream.range(0, 1000).boxed().toList())
                    .map(i -> Pair.of("k" + (i % 3), "order-" + i))
                    .process(topic.sink());
            producer.start();
            producer.await();
        }
        List<String> firstRun = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch half = new CountDownLatch(500);
        try (Pipeline consumer = Sluice.pipeline().name("consumer1").build()) {
            consumer.generate("orders", topic.source().group("billing").build())
                    .map(KafkaRecord::text)
                    .sink(t -> {
                        firstRun.add(t); // every record processed, until the stop takes effect
                        half.countDown();
                    });
            consumer.start();
            half.await();
            consumer.stop();
            consumer.await();
        }
        // the stop is asked for after 500 records; the source may hand on a few more before it sees it
        assertEquals(IntStream.range(0, firstRun.size()).mapToObj(i -> "order-" + i).toList(), firstRun);

        // a second consumer of the same group goes on from the committed offset: nothing lost. A last
        // record marks the end, as the first run may have processed (and committed) all thousand
        topic.accept("the-end");
        topic.flush();
        List<String> secondRun = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch rest = new CountDownLatch(1);
        try (Pipeline consumer = Sluice.pipeline().name("consumer2").build()) {
            consumer.generate("orders", topic.source().group("billing").build())
                    .map(KafkaRecord::text)
                    .sink(t -> {
                        if (t.equals("the-end")) {
                            rest.countDown();
                        } else {
                            secondRun.add(t);
                        }
                    });
            consumer.start();
            rest.await();
            consumer.stop();
            consumer.await();
            assertEquals(PipelineState.COMPLETED, consumer.state());
        }
        if (secondRun.isEmpty()) {
            assertEquals(1000, firstRun.size(), "the first run processed and committed everything");
            return;
        }
        int firstOfSecond = Integer.parseInt(secondRun.get(0).substring("order-".length()));
        assertTrue(firstOfSecond <= firstRun.size(), "at least once: resumes at or before the first unprocessed record ("
                + firstRun.size() + "), got " + firstOfSecond);
        assertEquals("order-999", secondRun.get(secondRun.size() - 1));
        assertEquals(1000 - firstOfSecond, secondRun.size(), "contiguous, no gaps");
    }

    @Test
    void offsetsAreCommittedOnlyForWhatEveryNodeFinished_soACrashReplaysWhatWasQueued() throws Exception {
        KafkaConf conf = KafkaConf.of(BROKER.conf());
        try (Topic topic = conf.topic("invoices")) {
            for (int i = 0; i < 20; i++) {
                topic.accept("invoice-" + i);
            }
            topic.flush();
            List<String> first = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch threeDone = new CountDownLatch(1);
            Pipeline crashing = Sluice.pipeline().name("crashing").build();
            crashing.generate("invoices", topic.source().group("audit").build())
                    .to(crashing.node("audit", (KafkaRecord r, dev.sluice.Emitter<String> out) -> {
                        if (first.size() == 3) {
                            threeDone.countDown();
                            new CountDownLatch(1).await(); // stuck until the "crash"
                        }
                        out.emit(r.text());
                    }, 64))
                    .sink(first::add);
            crashing.start();
            assertTrue(threeDone.await(60, TimeUnit.SECONDS));
            crashing.cancel(); // what is queued is dropped, as in a crash
            crashing.await();
            long committed = committedOffset("audit", "invoices");
            assertTrue(committed <= 3, "at most the three processed records are committed, got " + committed);

            List<String> second = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch last = new CountDownLatch(1);
            Pipeline restarted = Sluice.pipeline().name("restarted").build();
            restarted.generate("invoices", topic.source().group("audit").build())
                    .to(restarted.node("audit", (KafkaRecord r, dev.sluice.Emitter<String> out) -> out.emit(r.text()), 64))
                    .sink(t -> {
                        second.add(t);
                        if (t.equals("invoice-19")) {
                            last.countDown();
                        }
                    });
            restarted.start();
            assertTrue(last.await(60, TimeUnit.SECONDS), "replayed: " + second);
            restarted.stop();
            restarted.await();
            assertEquals(IntStream.range((int) committed, 20).mapToObj(i -> "invoice-" + i).toList(), second,
                    "everything after the committed offset, again");
            assertEquals(20, committedOffset("audit", "invoices"), "the graceful stop committed what it drained");
        }
    }

    /** The group's committed offset of partition 0, or 0 when it has none. */
    static long committedOffset(String group, String topic) throws Exception {
        try (Admin admin = Admin.create(BROKER.conf())) {
            OffsetAndMetadata o = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .get(new TopicPartition(topic, 0));
            return o == null ? 0 : o.offset();
        }
    }

    @Test
    void undecodableRecord_goesToTheDeadLetters_namingItsOffset_andTheRestFlows() throws Exception {
        Map<String, Object> props = new java.util.HashMap<>(BROKER.conf());
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]>(props,
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (byte[] value : List.of(dev.sluice.Codec.longKey().encode(1L), "oops".getBytes(StandardCharsets.UTF_8),
                    dev.sluice.Codec.longKey().encode(3L))) {
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("readings", value)).get();
            }
        }
        List<Long> values = Collections.synchronizedList(new ArrayList<>());
        List<dev.sluice.DeadLetter> dead = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch both = new CountDownLatch(2);
        try (Pipeline p = Sluice.pipeline().name("decoder").build()) {
            p.generate("readings", KafkaConf.of(BROKER.conf()).topic("readings").source().group("decoder").build())
                    .map(r -> r.value(dev.sluice.Codec.longKey()))
                    .errorPolicy(dev.sluice.ErrorPolicy.deadLetter(dead::add))
                    .sink(v -> {
                        values.add(v);
                        both.countDown();
                    });
            p.start();
            both.await();
            p.stop();
            p.await();
        }
        assertEquals(List.of(1L, 3L), values);
        assertEquals(1, dead.size());
        assertEquals("readings-0@1: cannot decode as long-key: a long key is 8 bytes, not 4",
                dead.get(0).error().getMessage());
        assertEquals("readings-0@1", dead.get(0).item().toString());
    }

    @Test
    void closingTheTopic_endsItsIterators_abandonedOrPolling() throws Exception {
        Topic topic = KafkaConf.of(BROKER.conf()).topic("closing");
        topic.accept("a");
        topic.flush();
        Iterator<KafkaRecord> abandoned = topic.iterator();
        assertEquals("a", abandoned.next().text()); // then left alone, as a caller might
        Iterator<KafkaRecord> polled = topic.iterator(); // same group, one partition: this one idles
        CountDownLatch ended = new CountDownLatch(1);
        Thread loop = Thread.ofPlatform().name("sluice-test-loop").start(() -> {
            while (polled.hasNext()) {
                polled.next();
            }
            ended.countDown();
        });
        topic.close();
        ended.await();
        loop.join();
        assertEquals(false, abandoned.hasNext());
        assertEquals(false, polled.hasNext());
    }

    @Test
    void startAtLatest_skipsWhatIsAlreadyThere_andKeysAndHeadersArrive() throws Exception {
        KafkaConf conf = KafkaConf.of(BROKER.conf());
        try (Topic topic = conf.topic("later")) {
            topic.accept("before");
            topic.flush();
            List<KafkaRecord> got = Collections.synchronizedList(new ArrayList<>());
            CountDownLatch one = new CountDownLatch(1);
            CountDownLatch assigned = new CountDownLatch(1);
            try (Pipeline p = Sluice.pipeline().build()) {
                p.generate("later", topic.source().group("fresh").startAt(StartAt.latest()).build())
                        .sink(r -> {
                            if (r.text().equals("probe")) {
                                assigned.countDown(); // the consumer is positioned: from now on it sees new records
                            } else {
                                got.add(r);
                                one.countDown();
                            }
                        });
                p.start();
                while (assigned.getCount() > 0) {
                    topic.accept("probe");
                    topic.flush();
                    assigned.await(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
                topic.accept(Pair.of("key-1", "after"));
                topic.flush();
                one.await();
            }
            assertEquals("after", got.get(0).text());
            assertEquals("key-1", new String(got.get(0).key(), StandardCharsets.UTF_8));
        }
    }

    /**
     * snapstream's README: send emojis to a topic, cache them by code point from the topic, and
     * print them from the cache.
     */
    @Test
    void snapstream_emojisThroughTopicAndCache() throws Exception {
        List<String> messages = List.of("🍌", "🚬", "😎", "🐢", "👑");
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try (Cache<String, String> cache = Cache.open(dir.resolve("db/demo"));
                Topic topic = KafkaConf.of(BROKER.conf()).topic("demo",
                        Map.of("group.id", "demo", "group.instance.id", "demo"))) {
            CountDownLatch allPrinted = new CountDownLatch(messages.size());
            Iterable<String> inspectCache = () -> new Iterator<>() {
                final Iterator<String> keys = messages.stream().map(m -> String.valueOf(m.codePointAt(0))).iterator();

                @Override
                public boolean hasNext() {
                    return keys.hasNext();
                }

                @Override
                public String next() {
                    String key = keys.next();
                    Optional<String> value;
                    while ((value = cache.get(key)).isEmpty()) {
                        Thread.onSpinWait(); // the value arrives through Kafka
                    }
                    return value.get();
                }
            };
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Bindings app = Sluice.bindings()
                    .snap(messages, msg -> msg, topic)
                    .snap(topic, (KafkaRecord msg) -> {
                        String val = msg.text();
                        return Pair.of(String.valueOf(val.codePointAt(0)), val);
                    }, cache.sink())
                    .snap(inspectCache, msg -> "Look at this emoji: " + msg, line -> {
                        System.out.println(line);
                        allPrinted.countDown();
                    });
            Pipeline running = app.start();
            allPrinted.await();
            running.stop(); // the topic binding never ends by itself, as in snapstream
            running.await();
        } finally {
            System.setOut(original);
        }
        assertEquals(messages.stream().map(m -> "Look at this emoji: " + m + "\n").reduce("", String::concat),
                printed.toString(StandardCharsets.UTF_8));
    }
}
