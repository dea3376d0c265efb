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
import dev.sluice.log.GroupConsumer;
import dev.sluice.log.StreamLog;
import dev.sluice.log.WindowStrategy;
import dev.sluice.log.kafka.KafkaStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code log.append} and {@code log.read} with the {@code kafka} option: the pipeline file that
 * runs on the embedded log runs on a real Kafka broker (on loopback, started by the test), with
 * only the option changed.
 */
class LogOnKafkaTest {
    @RegisterExtension
    static final Broker BROKER = new Broker();

    @TempDir
    Path dir;

    private PipelineFile load(String yaml) throws Exception {
        return TestFiles.load(dir, yaml, Map.of("KAFKA", BROKER.bootstrap()));
    }

    @Test
    void append_writesEachItemToATopicWithThePartitionsAsked() throws Exception {
        Files.writeString(dir.resolve("people.csv"), "name,city\nAda,London\nGrace,Arlington\nEdsger,Austin\n");
        PipelineFile file = load("""
                nodes:
                  - {name: read, type: files.read, options: {file: people.csv}}
                  - {name: parse, type: csv.parse}
                  - {name: store, type: log.append, options: {stream: people, kafka: "${KAFKA}", partitions: 2}}
                """);
        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
        }
        try (Admin admin = Admin.create(BROKER.conf())) {
            assertEquals(2, admin.describeTopics(List.of("people")).allTopicNames().get(1, TimeUnit.MINUTES)
                    .get("people").partitions().size());
        }
        List<String> read = new ArrayList<>();
        try (StreamLog log = StreamLog.on(KafkaStorage.builder(BROKER.conf()).build(), StreamLog.Options.defaults())) {
            GroupConsumer check = log.stream("people").consumer("check", WindowStrategy.count(1));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (read.size() < 3 && System.nanoTime() < deadline) {
                check.runOnce(w -> w.records().forEach(r -> read.add(r.text())));
            }
        }
        read.sort(null); // two partitions: no order across them
        assertEquals(List.of("{\"name\":\"Ada\",\"city\":\"London\"}", "{\"name\":\"Edsger\",\"city\":\"Austin\"}",
                "{\"name\":\"Grace\",\"city\":\"Arlington\"}"),
                read);
    }

    @Test
    void read_emitsAGroupsRecords_andAStopAcknowledgesWhatWasWritten() throws Exception {
        try (StreamLog log = StreamLog.on(KafkaStorage.builder(BROKER.conf()).build(), StreamLog.Options.defaults())) {
            for (String order : List.of("order-1", "order-2", "order-3")) {
                log.stream("orders").append(order);
            }
        }
        PipelineFile file = load("""
                nodes:
                  - {name: read, type: log.read, options: {stream: orders, group: billing, kafka: "${KAFKA}"}}
                  - {name: write, type: files.write, options: {file: out.txt}}
                """);
        Path out = dir.resolve("out.txt");
        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
            while (TestFiles.lines(out) < 3) { // the consumer joins the group first: seconds on a new broker
                assertTrue(System.nanoTime() < deadline, "out.txt has " + TestFiles.lines(out) + " lines\n" + Render.table(p.snapshot()));
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
            }
            p.stop();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
        }
        assertEquals(List.of("order-1", "order-2", "order-3"), Files.readAllLines(out));
        try (StreamLog log = StreamLog.on(KafkaStorage.builder(BROKER.conf()).build(), StreamLog.Options.defaults())) {
            var orders = log.info("orders").orElseThrow();
            assertEquals(orders.nextPosition(), orders.groups().get("billing"),
                    "the group's position is after the three records (and Kafka's transaction markers)");
        }
        java.io.ByteArrayOutputStream info = new java.io.ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"streams", "info", "orders", "--kafka", BROKER.bootstrap()},
                new java.io.PrintStream(info, true, java.nio.charset.StandardCharsets.UTF_8), System.err));
        assertTrue(info.toString().contains("billing (0)"), info::toString);
    }

    @Test
    void streamsCommand_withKafka_appendsListsAndTails() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.util.function.Function<String[], Integer> sluice = args -> {
            out.reset();
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--kafka", BROKER.bootstrap())).toArray(String[]::new);
            return Main.run(all, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        };
        assertEquals(0, sluice.apply(new String[] {"streams", "append", "cli-notes", "first", "second"}), err::toString);
        assertEquals(0, sluice.apply(new String[] {"streams", "ls"}), err::toString);
        assertTrue(out.toString().lines().anyMatch(l -> l.startsWith("cli-notes ")), out::toString);
        assertEquals(0, sluice.apply(new String[] {"streams", "tail", "cli-notes", "-n", "2"}), err::toString);
        List<String> tail = out.toString().lines().toList();
        assertEquals(2, tail.size(), out::toString);
        assertTrue(tail.get(0).endsWith("first") && tail.get(1).endsWith("second"), out::toString);
        assertEquals(2, sluice.apply(new String[] {"streams", "info", "no-such-stream"}), err::toString);
        assertTrue(err.toString().contains("no stream named 'no-such-stream' in Kafka at " + BROKER.bootstrap()),
                err::toString);
    }

    @Test
    void aNamespace_prefixesTheTopics_andTheStreamsCommandSeesThroughIt() throws Exception {
        PipelineFile file = load("""
                nodes:
                  - {name: read, type: files.read, options: {file: notes.txt}}
                  - {name: store, type: log.append, options: {stream: notes, kafka: "${KAFKA}", namespace: team-a.}}
                """);
        Files.writeString(dir.resolve("notes.txt"), "one\ntwo\n");
        try (Pipeline p = file.build(Sluice.pipeline())) {
            p.start();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
        }
        try (Admin admin = Admin.create(BROKER.conf())) {
            assertTrue(admin.listTopics().names().get(1, TimeUnit.MINUTES).contains("team-a.notes"));
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int code = Main.run(new String[] {"streams", "tail", "notes", "--kafka", BROKER.bootstrap(), "--namespace", "team-a."},
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(0, code, err::toString);
        List<String> tail = out.toString().lines().toList();
        assertTrue(tail.size() == 2 && tail.get(0).endsWith("one") && tail.get(1).endsWith("two"), out::toString);
    }

    /**
     * A stream of two partitions: {@code info} shows each partition's positions and groups,
     * {@code tail} the newest records of both, by timestamp.
     */
    @Test
    void streamsCommand_onTwoPartitions_showsEachPartition_andTailsBoth() throws Exception {
        java.time.Instant t = java.time.Instant.parse("2026-03-01T10:00:00Z");
        try (StreamLog log = StreamLog.on(KafkaStorage.builder(BROKER.conf()).namespace("parts.").partitions(2).build(),
                StreamLog.Options.defaults())) {
            var split = log.stream("split");
            for (int i = 0; i < 4; i++) { // one record per append: partitions 0, 1, 0, 1, in turn
                split.append(new dev.sluice.log.LogEntry(null, ("r" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        Map.of(), t.plusSeconds(i)));
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.util.function.Function<String[], Integer> sluice = args -> {
            out.reset();
            String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                    java.util.stream.Stream.of("--kafka", BROKER.bootstrap(), "--namespace", "parts.")).toArray(String[]::new);
            return Main.run(all, new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
                    new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        };
        assertEquals(0, sluice.apply(new String[] {"streams", "tail", "split", "-n", "3"}), err::toString);
        List<String> tail = out.toString().lines().map(l -> l.substring(l.lastIndexOf('\t') + 1)).toList();
        assertEquals(List.of("r1", "r2", "r3"), tail, out::toString);

        assertEquals(0, sluice.apply(new String[] {"streams", "info", "split"}), err::toString);
        String info = out.toString();
        assertTrue(info.contains("records:    8 (in 2 partitions, below)"), info); // a marker per append
        long p1 = (1L << 40) + 1; // partition 1, offset 0 (docs/log.md)
        assertTrue(info.lines().anyMatch(l -> l.matches("0 +4 +1 to 4 *")), info);
        assertTrue(info.lines().anyMatch(l -> l.matches("1 +4 +" + p1 + " to " + (p1 + 3) + " *")), info);
    }

    /** Out-of-range values are refused when the file is read, with file, line, column and key. */
    @Test
    void partitionsOrANamespaceOutOfRange_isRefusedWithFileLineAndKey() throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, """
                nodes:
                  - {name: read, type: files.read, options: {file: none.csv}}
                  - {name: store, type: log.append, options: {stream: s, kafka: "${KAFKA}", partitions: 0}}
                  - {name: more, type: log.append, options: {stream: t, kafka: "${KAFKA}", namespace: "team a"}}
                edges: [read -> store, read -> more]
                """);
        ConfigException e = assertThrows(ConfigException.class,
                () -> PipelineFile.load(f, Map.of("KAFKA", BROKER.bootstrap())::get));
        String all = String.join("\n", e.problems());
        assertTrue(all.contains("p.yaml:3:89: option 'partitions' of node 'store' must be 1 to 1000000: 0"), all);
        assertTrue(all.contains("p.yaml:4:87: option 'namespace' of node 'more' must be up to 100 of the characters"
                + " Kafka allows in topic names (letters, digits, '.', '_', '-'): team a"), all);
    }
}
