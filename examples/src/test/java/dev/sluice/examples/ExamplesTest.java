package dev.sluice.examples;

import dev.sluice.kafka.testing.LocalKafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs every example's main and checks what it prints. */
class ExamplesTest {
    interface Main {
        void run() throws Exception;
    }

    static String run(Main main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    @Test
    void streamz() throws Exception {
        assertEquals("1\n3\n6\n[1, 3, 6]\n", run(() -> StreamzExample.main(new String[0])));
    }

    @Test
    void exactlyOnce_aRestartedConsumerCountsOnlyWhatIsNew(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        assertEquals("""
                /docs 2
                /home 3
                /pricing 1
                next position: 7
                /docs 3
                /home 4
                /pricing 1
                next position: 9
                """, run(() -> ExactlyOnceExample.main(new String[] {dir.toString()})));
    }

    @Test
    void kafkaLog_theSameWindowsOnABrokerTheTestStarts() throws Exception {
        try (dev.sluice.kafka.testing.LocalKafka kafka = dev.sluice.kafka.testing.LocalKafka.start()) {
            assertEquals("[order-1, order-2, order-3]\n[order-4, order-5, order-6]\n",
                    run(() -> KafkaLogExample.main(new String[] {kafka.bootstrap()})));
        }
    }

    @Test
    void nanostream() throws Exception {
        assertEquals("true\ntrue\ntrue\n", run(() -> NanostreamExample.main(new String[0])));
    }

    @Test
    void snapstream() throws Exception {
        assertEquals("Hello 0\nHello 1\nHello 2\nHello 3\nHello 4\n", run(() -> SnapstreamExample.main(new String[0])));
    }

    @Test
    void minibatch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertEquals("[{\"n\": 0}, {\"n\": 1}]\n[{\"n\": 2}, {\"n\": 3}]\n[{\"n\": 4}, {\"n\": 5}]\nlag of myprocess: 0\n",
                run(() -> MinibatchExample.main(new String[] {dir.toString()})));
    }

    @Test
    void pipelineFile_validatesAndRuns() throws Exception {
        java.nio.file.Path file = java.nio.file.Path.of("pipelines/people.yaml");
        assertEquals(0, dev.sluice.cli.Main.run(new String[] {"validate", file.toString()}, System.out, System.err));
        String out = run(() -> {
            int code = dev.sluice.cli.Main.run(new String[] {"run", file.toString()}, new PrintStream(
                    java.io.OutputStream.nullOutputStream()), System.err);
            assertEquals(0, code);
        });
        assertEquals("person: {\"name\":\"Ada Lovelace\",\"city\":\"London\",\"born\":\"1815\"}\n"
                + "person: {\"name\":\"Grace Hopper\",\"city\":\"New York\",\"born\":\"1906\"}\n"
                + "person: {\"name\":\"Hamilton, Margaret\",\"city\":\"Paoli\",\"born\":\"1936\"}\n", out);
    }

    @Test
    void alertsPipelineFile_decodesFiltersAndEncodesJson() throws Exception {
        String out = run(() -> assertEquals(0, dev.sluice.cli.Main.run(new String[] {"run", "pipelines/alerts.yaml"},
                new PrintStream(java.io.OutputStream.nullOutputStream()), System.err)));
        assertEquals("""
                alert: {"sensor":"roof","site":"north","reading":{"celsius":31.5,"at":"2026-11-27T10:00:00Z"}}
                alert: {"sensor":"attic","site":"south","reading":{"celsius":35.2,"at":"2026-11-27T10:00:00Z"}}
                alert: {"sensor":"boiler","site":"south","reading":{"celsius":71.0,"at":"2026-11-27T10:00:00Z"}}
                """, out);
    }

    @Test
    void computedPipelineFile_typesComputesAndFiltersWithExpressions() throws Exception {
        String out = run(() -> assertEquals(0, dev.sluice.cli.Main.run(new String[] {"run", "pipelines/computed.yaml"},
                new PrintStream(java.io.OutputStream.nullOutputStream()), System.err)));
        assertEquals("""
                {"name":"Grace Hopper","born":1906,"initials":"GH","century":20}
                {"name":"Hamilton, Margaret","born":1936,"initials":"HM","century":20}
                """, out.lines().filter(l -> l.startsWith("{")).collect(java.util.stream.Collectors.joining("\n", "", "\n")));
    }

    @Test
    void sensorsPipelineFile_windowsTheShippedReadings() throws Exception {
        String out = run(() -> assertEquals(0, dev.sluice.cli.Main.run(
                new String[] {"run", "pipelines/sensors.yaml", "--max-time", "5s"}, // ample for 3,600 rows
                new PrintStream(java.io.OutputStream.nullOutputStream()), System.err)));
        // 2 files x 600 seconds of 3 sensors = 20 minutes x 3 windows
        assertEquals(60, out.lines().filter(l -> l.matches("\\{\"key\":\"\\w+\",\"start\":\"2026-11-27T00:\\d\\d:00Z\","
                + "\"end\":\"[^\"]+\",\"readings\":60,\"average\":[0-9.]+,\"highest\":[0-9.]+}")).count(), out);
        assertTrue(out.contains("{\"key\":\"boiler\",\"start\":\"2026-11-27T00:00:00Z\",\"end\":\"2026-11-27T00:01:00Z\",\"readings\":60,\"average\":70."), out);
    }

    @Test
    void pipelineFile_unitTestsPass() throws Exception {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int code = dev.sluice.cli.Main.run(new String[] {"test", "pipelines/people.test.yaml"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertEquals("PASS parses a quoted field with a comma\nPASS a short row is an error naming the line\n"
                + "PASS the file's first two people, read and parsed\n3 passed, 0 failed\n", out.toString(StandardCharsets.UTF_8));
        assertEquals(0, code);
    }

    @Test
    void demo_watchesParsesWindowsLogsAndReadsBack(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        String out = run(() -> Demo.main(new String[] {dir.toString(), "2", "1800"}));
        // 2 files x 1800 lines = 1200 seconds of 3 sensors = 20 minutes x 3 windows
        assertTrue(out.contains("appended to the durable stream 'averages' (60 records)"), out);
        assertTrue(out.contains("  00:00 boiler 70."), out);
        assertTrue(out.contains("lag of group 'printer': 48 records"), out);
        assertTrue(out.contains("2 malformed rows went to the dead-letter list"), out);
        assertTrue(out.contains("readings-0.csv:902: column celsius: cannot convert 'n/a'"), out);
        assertTrue(out.contains("pipeline completed"), out);
        assertTrue(out.contains("flowchart LR"), out);
    }
}
