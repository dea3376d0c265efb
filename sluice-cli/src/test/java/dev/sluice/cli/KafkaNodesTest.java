package dev.sluice.cli;

import dev.sluice.kafka.testing.Broker;

import dev.sluice.yaml.ConfigException;

import dev.sluice.yaml.PipelineFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Pipeline;
import dev.sluice.PipelineState;
import dev.sluice.Sluice;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kafka.read} and {@code kafka.write} in pipeline files, against a real broker on loopback
 * started by the test, with Kafka's own Java client on the other side.
 */
class KafkaNodesTest {
    @RegisterExtension
    static final Broker BROKER = new Broker();

    @TempDir
    Path dir;

    private PipelineFile load(String yaml) throws Exception {
        return TestFiles.load(dir, yaml, Map.of("KAFKA", BROKER.bootstrap()));
    }

    /** The first {@code n} records of {@code topic}, as a plain consumer in a new group reads them. */
    private static List<String> read(String topic, int n,
            java.util.function.Function<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>, String> as) {
        Map<String, Object> conf = new HashMap<>(BROKER.conf());
        conf.put("group.id", "check-" + topic);
        conf.put("auto.offset.reset", "earliest");
        List<String> got = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(conf, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (got.size() < n && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> got.add(as.apply(r)));
            }
        }
        return got;
    }

    @Test
    void write_sendsEachItemAsText_readableByAPlainConsumer() throws Exception {
        Files.writeString(dir.resolve("lines.txt"), "alpha\nbeta\ngamma\n");
        PipelineFile file = load("""
                nodes:
                  - {name: read, type: files.read, options: {file: lines.txt}}
                  - {name: send, type: kafka.write, options: {topic: words, bootstrap: "${KAFKA}"}}
                """);
        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
        }
        assertEquals(List.of("alpha", "beta", "gamma"), read("words", 3, r -> r.value()));
    }

    @Test
    void read_emitsValuesAsText_passesTombstonesOver_andCommitsWhatWasProcessed() throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(BROKER.conf(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("orders", "a", "order-1"));
            producer.send(new ProducerRecord<>("orders", "b", null)); // a tombstone: no value
            producer.send(new ProducerRecord<>("orders", "c", "order-2"));
            producer.send(new ProducerRecord<>("orders", "d", "order-3")).get();
        }
        Files.writeString(dir.resolve("client.properties"), "client.id=from-the-config-file\n");
        PipelineFile file = load("""
                nodes:
                  - {name: read, type: kafka.read, options: {topic: orders, bootstrap: "${KAFKA}", group: billing,
                                                           config: client.properties}}
                  - {name: write, type: files.write, options: {file: out.txt}}
                """);
        Path out = dir.resolve("out.txt");
        try (Pipeline p = file.build(Sluice.pipeline()); Admin admin = Admin.create(BROKER.conf())) {
            p.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (TestFiles.lines(out) < 3) { // the consumer joins the group first: seconds on a new broker
                assertTrue(System.nanoTime() < deadline, "out.txt has " + TestFiles.lines(out) + " lines\n" + Render.table(p.snapshot()));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            // the settings of the config file reached the client
            var members = admin.describeConsumerGroups(List.of("billing")).all().get(1, TimeUnit.MINUTES)
                    .get("billing").members();
            assertEquals(List.of("from-the-config-file"), members.stream().map(m -> m.clientId()).toList());
            p.stop();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets("billing").partitionsToOffsetAndMetadata().get(1, TimeUnit.MINUTES);
            assertEquals(4, committed.get(new TopicPartition("orders", 0)).offset(), "all four records, tombstone included");
        }
        assertEquals(List.of("order-1", "order-2", "order-3"), Files.readAllLines(out));
    }

    @Test
    void readAsRows_givesKeysAndMetadata_andJsonValuesDecodeInPlace() throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(BROKER.conf(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("payments", "small", "{\"amount\": 5}"));
            producer.send(new ProducerRecord<>("payments", "large", "{\"amount\": 50}")).get();
        }
        PipelineFile file = load("""
                nodes:
                  - {name: read, type: kafka.read, options: {topic: payments, bootstrap: "${KAFKA}", group: audit, as: row}}
                  - {name: parse, type: json.decode, options: {field: value}}
                  - {name: big, type: filter, options: {field: value.amount, op: ">", value: "10"}}
                  - {name: encode, type: json.encode}
                  - {name: write, type: files.write, options: {file: big.jsonl}}
                """);
        Path out = dir.resolve("big.jsonl");
        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (p.snapshot().node("big").in() < 2) { // both records reached the filter
                assertTrue(System.nanoTime() < deadline, Render.table(p.snapshot()));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            p.stop();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
        }
        List<String> lines = Files.readAllLines(out);
        assertEquals(1, lines.size(), lines::toString);
        assertTrue(lines.get(0).matches("\\{\"topic\":\"payments\",\"partition\":0,\"offset\":1,\"timestamp\":\"[^\"]+\","
                + "\"key\":\"large\",\"value\":\\{\"amount\":50},\"headers\":\\{}}"), lines.get(0));
    }

    /** A topic copied to another with its keys and tombstones, as a bridge or a mirror would. */
    @Test
    void readAsRows_intoMessage_intoWrite_copiesKeysValuesAndTombstones() throws Exception {
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(BROKER.conf(), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("profiles", "ada", "{\"city\": \"London\"}"));
            producer.send(new ProducerRecord<>("profiles", "grace", null)); // deleted
            producer.send(new ProducerRecord<>("profiles", null, "no key")).get();
        }
        PipelineFile file = load("""
                nodes:
                  - {name: read, type: kafka.read, options: {topic: profiles, bootstrap: "${KAFKA}", group: mirror, as: row}}
                  - {name: message, type: message, options: {key: key, value: value}}
                  - {name: send, type: kafka.write, options: {topic: profiles-copy, bootstrap: "${KAFKA}"}}
                """);
        try (Pipeline p = file.build(Sluice.pipeline())) {
            TestFiles.runUntil(p, () -> p.snapshot().node("send").in() >= 3);
        }
        assertEquals(List.of("ada={\"city\": \"London\"}", "grace=null", "null=no key"),
                read("profiles-copy", 3, r -> r.key() + "=" + r.value()));
    }

    /**
     * Avro single-object messages written by Avro's own encoder are read as rows, filtered, and
     * written back as Avro with their keys; Avro's own decoder reads the copy.
     */
    @Test
    void avroMessages_readAsBytes_decodedFilteredAndEncodedBack() throws Exception {
        String avsc = """
                {"type": "record", "name": "Payment", "namespace": "test", "fields": [
                  {"name": "id", "type": "string"}, {"name": "amount", "type": "long"}]}
                """;
        Files.writeString(dir.resolve("payment.avsc"), avsc);
        org.apache.avro.Schema schema = new org.apache.avro.Schema.Parser().parse(avsc);
        var encoder = new org.apache.avro.message.BinaryMessageEncoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), schema);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(BROKER.conf(), new StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            for (long amount : new long[] {5, 500, 50}) {
                var record = new org.apache.avro.generic.GenericRecordBuilder(schema)
                        .set("id", "p" + amount).set("amount", amount).build();
                producer.send(new ProducerRecord<>("payments-avro", "p" + amount, encoder.encode(record).array())).get();
            }
        }
        PipelineFile file = load("""
                nodes:
                  - {name: read, type: kafka.read, options: {topic: payments-avro, bootstrap: "${KAFKA}", group: g, as: bytes}}
                  - {name: decode, type: avro.decode, options: {schema: payment.avsc, single-object: true}}
                  - {name: big, type: filter, options: {field: amount, op: ">=", value: "50"}}
                  - {name: key, type: message, options: {key: id}}
                  - {name: encode, type: avro.encode, options: {schema: payment.avsc, single-object: true}}
                  - {name: send, type: kafka.write, options: {topic: big-payments, bootstrap: "${KAFKA}"}}
                """);
        try (Pipeline p = file.build(Sluice.pipeline())) {
            TestFiles.runUntil(p, () -> p.snapshot().node("big").in() >= 3);
        }
        var decoder = new org.apache.avro.message.BinaryMessageDecoder<org.apache.avro.generic.GenericRecord>(
                org.apache.avro.generic.GenericData.get(), schema);
        Map<String, Object> conf = new HashMap<>(BROKER.conf());
        conf.put("group.id", "check-big-payments");
        conf.put("auto.offset.reset", "earliest");
        List<String> got = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(conf, new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of("big-payments"));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (got.size() < 2 && System.nanoTime() < deadline) {
                for (var r : consumer.poll(Duration.ofMillis(100))) {
                    got.add(r.key() + " " + decoder.decode(r.value()));
                }
            }
        }
        assertEquals(List.of("p500 {\"id\": \"p500\", \"amount\": 500}", "p50 {\"id\": \"p50\", \"amount\": 50}"), got);
    }

    @Test
    void write_keyedByAField_throughJsonEncode() throws Exception {
        Files.writeString(dir.resolve("readings.jsonl"), """
                {"sensor": "roof", "celsius": 4.5}
                {"sensor": "cellar", "celsius": 12.0}
                """);
        PipelineFile file = load("""
                nodes:
                  - {name: read, type: files.read, options: {file: readings.jsonl}}
                  - {name: parse, type: json.decode}
                  - {name: encode, type: json.encode, options: {key: sensor}}
                  - {name: send, type: kafka.write, options: {topic: readings, bootstrap: "${KAFKA}"}}
                """);
        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
        }
        assertEquals(List.of("roof {\"sensor\":\"roof\",\"celsius\":4.5}",
                "cellar {\"sensor\":\"cellar\",\"celsius\":12.0}"), read("readings", 2, r -> r.key() + " " + r.value()));
    }

    @Test
    void badOptions_areReportedWithFileLineAndKey() throws Exception {
        ConfigException start = assertThrows(ConfigException.class, () -> load("""
                nodes:
                  - {name: read, type: kafka.read, options: {topic: orders, bootstrap: "${KAFKA}", group: g,
                                                           start: middle}}
                  - {name: out, type: print}
                """));
        assertTrue(start.getMessage().contains("p.yaml:") && start.getMessage().contains("earliest or latest"),
                start::getMessage);
        ConfigException topic = assertThrows(ConfigException.class, () -> load("""
                nodes:
                  - {name: lines, type: files.read, options: {file: x.txt}}
                  - {name: send, type: kafka.write, options: {topic: "no spaces", bootstrap: "${KAFKA}"}}
                """));
        assertTrue(topic.getMessage().contains("topic") && topic.getMessage().contains("Kafka topic name"),
                topic::getMessage);
        ConfigException missing = assertThrows(ConfigException.class, () -> load("""
                nodes:
                  - {name: lines, type: files.read, options: {file: x.txt}}
                  - {name: send, type: kafka.write, options: {topic: t}}
                """));
        assertTrue(missing.getMessage().contains("bootstrap"), missing::getMessage);
    }

    @Test
    void aConfigFileThatCannotBeRead_namesTheNodeAndTheFile() throws Exception {
        Files.writeString(dir.resolve("x.txt"), "x\n");
        PipelineFile file = load("""
                nodes:
                  - {name: lines, type: files.read, options: {file: x.txt}}
                  - {name: send, type: kafka.write, options: {topic: t, bootstrap: "${KAFKA}", config: missing.properties}}
                """);
        Exception e = assertThrows(Exception.class, () -> file.build(Sluice.pipeline()).close());
        String said = e.getMessage() + (e.getCause() == null ? "" : " / " + e.getCause().getMessage());
        assertTrue(said.contains("send") && said.contains("missing.properties"), said);
    }

}
