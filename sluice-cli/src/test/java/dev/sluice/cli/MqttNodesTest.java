package dev.sluice.cli;

import dev.sluice.mqtt.testing.LocalMqtt;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mqtt.subscribe} and {@code mqtt.publish} in pipeline files, against a real broker
 * (Moquette, on loopback, started by the test), with the Eclipse Paho client on the other side.
 */
class MqttNodesTest {
    @TempDir
    Path dir;

    private LocalMqtt broker;
    private String uri;

    @BeforeEach
    void startBroker() throws Exception {
        broker = LocalMqtt.start();
        uri = broker.uri();
    }

    @AfterEach
    void stopBroker() {
        broker.close();
    }

    private PipelineFile load(String yaml) throws Exception {
        return TestFiles.load(dir, yaml, Map.of("BROKER", uri));
    }

    private MqttClient client(String id) throws Exception {
        MqttClient c = new MqttClient(uri, id, new MemoryPersistence());
        c.connect();
        return c;
    }

    /** Closes {@code c}; one the broker already dropped must not hide what failed before. */
    private static void close(MqttClient c) throws Exception {
        if (c.isConnected()) {
            c.disconnect();
        }
        c.close();
    }

    /**
     * A message published before the pipeline's subscription is active is not delivered: publishes
     * probes on {@code sensors/probe} until one reaches {@code out}.
     */
    private static void awaitSubscribed(Pipeline p, MqttClient publisher, Path out, long deadline) throws Exception {
        while (!Files.exists(out) || !Files.readString(out).contains("probe")) {
            assertTrue(System.nanoTime() < deadline, Render.table(p.snapshot()));
            publisher.publish("sensors/probe", "probe".getBytes(StandardCharsets.UTF_8), 1, false);
            java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    @Test
    void publish_sendsEachItemAsText_toASubscriber() throws Exception {
        Files.writeString(dir.resolve("readings.txt"), "21.5\n22.0\n22.4\n");
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        MqttClient subscriber = client("subscriber");
        try {
            subscriber.subscribe("sensors/kitchen", 1, (topic, m) -> {
                got.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8) + " q" + m.getQos());
                three.countDown();
            });
            PipelineFile file = load("""
                    nodes:
                      - {name: read, type: files.read, options: {file: readings.txt}}
                      - {name: send, type: mqtt.publish, options: {broker: "${BROKER}", topic: sensors/kitchen}}
                    """);
            try (Pipeline p = file.build(Sluice.pipeline())) {
                p.start();
                p.await();
                assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
            }
            assertTrue(three.await(30, TimeUnit.SECONDS), "got " + got);
        } finally {
            close(subscriber);
        }
        assertEquals(List.of("sensors/kitchen 21.5 q1", "sensors/kitchen 22.0 q1", "sensors/kitchen 22.4 q1"), got);
    }

    /** {@code as: bytes}: a binary payload (here a retained one, there before the subscription) kept byte for byte. */
    @Test
    void subscribeAsBytes_keepsABinaryPayloadWhole() throws Exception {
        byte[] payload = {(byte) 0xff, 0x00, 0x7f, (byte) 0xc3};
        MqttClient publisher = client("binary-publisher");
        try {
            publisher.publish("binary/meter", payload, 1, true);
        } finally {
            close(publisher);
        }
        PipelineFile file = load("""
                nodes:
                  - {name: listen, type: mqtt.subscribe, options: {broker: "${BROKER}", topic: "binary/#", as: bytes}}
                  - {name: keep, type: log.append, options: {stream: meters, directory: log}}
                """);
        try (Pipeline p = file.build(Sluice.pipeline())) {
            TestFiles.runUntil(p, () -> p.snapshot().node("keep").in() >= 1);
        }
        try (dev.sluice.log.StreamLog log = dev.sluice.log.StreamLog.open(dir.resolve("log"))) {
            List<dev.sluice.log.LogRecord> records = log.stream("meters").read(1, 10);
            assertEquals(1, records.size());
            org.junit.jupiter.api.Assertions.assertArrayEquals(payload, records.get(0).payload());
        }
    }

    @Test
    void publish_keyedMessages_toATopicPerKey() throws Exception {
        Files.writeString(dir.resolve("alerts.jsonl"), """
                {"sensor": "roof", "celsius": 31.5}
                {"sensor": "attic", "celsius": 35.2}
                """);
        List<String> got = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch two = new CountDownLatch(2);
        MqttClient subscriber = client("subscriber");
        try {
            subscriber.subscribe("alerts/#", 1, (topic, m) -> {
                got.add(topic + " " + new String(m.getPayload(), StandardCharsets.UTF_8));
                two.countDown();
            });
            PipelineFile file = load("""
                    nodes:
                      - {name: read, type: files.read, options: {file: alerts.jsonl}}
                      - {name: parse, type: json.decode}
                      - {name: encode, type: json.encode, options: {key: sensor}}
                      - {name: send, type: mqtt.publish, options: {broker: "${BROKER}", topic: "alerts/{key}"}}
                    """);
            try (Pipeline p = file.build(Sluice.pipeline())) {
                p.start();
                p.await();
                assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
            }
            assertTrue(two.await(30, TimeUnit.SECONDS), "got " + got);
        } finally {
            close(subscriber);
        }
        assertEquals(List.of("alerts/roof {\"sensor\":\"roof\",\"celsius\":31.5}",
                "alerts/attic {\"sensor\":\"attic\",\"celsius\":35.2}"), got);
    }

    @Test
    void subscribe_emitsPayloadsAsText_fromATopicFilter() throws Exception {
        PipelineFile file = load("""
                nodes:
                  - {name: listen, type: mqtt.subscribe, options: {broker: "${BROKER}", topic: "sensors/#", qos: 2}}
                  - {name: write, type: files.write, options: {file: out.txt}}
                """);
        Path out = dir.resolve("out.txt");
        MqttClient publisher = client("publisher");
        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            awaitSubscribed(p, publisher, out, deadline);
            for (String reading : List.of("kitchen 21.5", "hall 19.0", "attic 25.1")) {
                String[] parts = reading.split(" ");
                publisher.publish("sensors/" + parts[0], parts[1].getBytes(StandardCharsets.UTF_8), 1, false);
            }
            while (Files.readAllLines(out).stream().filter(l -> !l.equals("probe")).count() < 3) {
                assertTrue(System.nanoTime() < deadline, Render.table(p.snapshot()));
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            p.stop();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
        } finally {
            close(publisher);
        }
        assertEquals(List.of("21.5", "19.0", "25.1"),
                Files.readAllLines(out).stream().filter(l -> !l.equals("probe")).toList());
    }

    @Test
    void subscribeAsRows_givesEachMessagesTopic() throws Exception {
        PipelineFile file = load("""
                nodes:
                  - {name: listen, type: mqtt.subscribe, options: {broker: "${BROKER}", topic: "sensors/+", as: row}}
                  - {name: encode, type: json.encode}
                  - {name: write, type: files.write, options: {file: out.jsonl}}
                """);
        Path out = dir.resolve("out.jsonl");
        MqttClient publisher = client("publisher");
        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            awaitSubscribed(p, publisher, out, deadline);
            publisher.publish("sensors/kitchen", "21.5".getBytes(StandardCharsets.UTF_8), 1, false);
            while (!Files.readString(out).contains("kitchen")) {
                assertTrue(System.nanoTime() < deadline, Render.table(p.snapshot()));
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            p.stop();
            p.await();
        } finally {
            close(publisher);
        }
        assertEquals(List.of("{\"topic\":\"sensors/kitchen\",\"payload\":\"21.5\",\"qos\":1,\"retained\":false}"),
                Files.readAllLines(out).stream().filter(l -> !l.contains("probe")).toList());
    }

    @Test
    void badOptions_areReported() throws Exception {
        ConfigException qos = assertThrows(ConfigException.class, () -> load("""
                nodes:
                  - {name: listen, type: mqtt.subscribe, options: {broker: "${BROKER}", topic: "a/#", qos: 3}}
                  - {name: out, type: print}
                """));
        assertTrue(qos.getMessage().contains("p.yaml:") && qos.getMessage().contains("0 to 2"), qos::getMessage);
        ConfigException broker = assertThrows(ConfigException.class, () -> load("""
                nodes:
                  - {name: listen, type: mqtt.subscribe, options: {broker: "localhost:1883", topic: "a/#"}}
                  - {name: out, type: print}
                """));
        assertTrue(broker.getMessage().contains("tcp://"), broker::getMessage);
        ConfigException wildcard = assertThrows(ConfigException.class, () -> load("""
                nodes:
                  - {name: in, type: files.read, options: {file: x.txt}}
                  - {name: send, type: mqtt.publish, options: {broker: "${BROKER}", topic: "a/+"}}
                """));
        assertTrue(wildcard.getMessage().contains("without '+' or '#'"), wildcard::getMessage);
        ConfigException noClientId = assertThrows(ConfigException.class, () -> load("""
                nodes:
                  - {name: listen, type: mqtt.subscribe, options: {broker: "${BROKER}", topic: "a/#", clean-session: false}}
                  - {name: out, type: print}
                """));
        assertTrue(noClientId.getMessage().contains("p.yaml:2:51: node 'listen' (mqtt.subscribe): clean-session: false"
                + " needs a client-id"), noClientId::getMessage);
    }
}
