package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.log.LogCheckpointStore;
import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import dev.sluice.log.StreamLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The issue's own case, with real processes: a windowed pipeline file over a durable stream of
 * 20,000 records, run by {@code sluice run} as a child process and killed with SIGKILL at 20 points
 * a fixed seed picks (some after a number of checkpoints, some at a delay after start: in start-up,
 * in a restore, in a commit), restarted each time. Every window is written once, with its exact
 * sum, and every record is read once.
 */
class CheckpointKillTest {
    @TempDir
    Path dir;

    private static final int N = 20_000;
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Process start() throws Exception {
        return new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.sluice.cli.Main", "run", "p.yaml").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("runs.txt").toFile()))
                .start();
    }

    private long checkpoint() {
        try (LogCheckpointStore store = LogCheckpointStore.open(dir.resolve("log"), "sums")) {
            return store.latest().map(c -> c.id()).orElse(0L);
        }
    }

    private long outputs() {
        try (StreamLog log = StreamLog.open(dir.resolve("log"))) {
            return log.info("out").map(i -> i.records()).orElse(0L);
        }
    }

    /** What the runs printed, for messages. */
    private String runs() {
        try {
            return Files.exists(dir.resolve("runs.txt")) ? Files.readString(dir.resolve("runs.txt")) : "";
        } catch (java.io.IOException e) {
            return "(cannot read runs.txt: " + e.getMessage() + ")";
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void killedWithSigkillAt20SeededPoints_everyWindowIsWrittenOnce_withItsExactSum() throws Exception {
        Files.writeString(dir.resolve("p.yaml"), """
                pipeline: sums
                checkpoints: {interval: 20ms, directory: log}
                nodes:
                  - {name: read, type: log.read, options: {stream: in, group: sums, directory: log}}
                  - {name: parse, type: json.decode}
                  - {name: sum, type: window.aggregate, options: {key: k, value: v, function: sum, size: 1s, time: at}}
                  - {name: write, type: log.append, options: {stream: out, directory: log}}
                """);
        Map<String, Double> expected = new TreeMap<>();
        try (StreamLog log = StreamLog.open(dir.resolve("log"))) {
            var in = log.stream("in");
            for (int i = 0; i < N; i += 500) {
                List<LogEntry> batch = new ArrayList<>();
                for (int j = i; j < i + 500; j++) {
                    Instant at = T0.plusMillis(j * 7L);
                    String k = "k" + (j % 10);
                    batch.add(LogEntry.of("{\"k\":\"" + k + "\",\"at\":\"" + at + "\",\"v\":" + (j % 13) + "}"));
                    expected.merge(at.toEpochMilli() / 1000 * 1000 + " " + k, (double) (j % 13), Double::sum);
                }
                in.appendAll(batch);
            }
            // far ahead in event time, it closes every window of the data
            in.append("{\"k\":\"k0\",\"at\":\"" + T0.plusSeconds(86_400) + "\",\"v\":0}");
            log.stream("out");
        }
        Random seeded = new Random(2126);
        int kills = 0;
        while (kills < 20) {
            Process child = start();
            if (seeded.nextBoolean()) {
                // after some more checkpoints, or at the end of the input
                long target = checkpoint() + 1 + seeded.nextInt(3);
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (checkpoint() < target && outputs() < expected.size() && child.isAlive()) {
                    assertTrue(System.nanoTime() < deadline, () -> "no checkpoint in a minute:\n" + runs());
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
                }
            } else {
                // anywhere: in start-up, in the restore, in a commit
                assertTrue(!child.waitFor(seeded.nextInt(2500), TimeUnit.MILLISECONDS) || child.exitValue() != 0,
                        "the pipeline ended by itself");
            }
            assertTrue(child.isAlive(), () -> "the child ended before it was killed:\n" + runs());
            child.destroyForcibly(); // SIGKILL
            child.waitFor();
            kills++;
        }
        Process last = start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (outputs() < expected.size()) {
            assertTrue(last.isAlive() && System.nanoTime() < deadline, () -> "not every window came out:\n" + runs());
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
        }
        last.destroy(); // SIGTERM: a graceful stop, with a last checkpoint
        assertTrue(last.waitFor(60, TimeUnit.SECONDS));
        Map<String, Double> got = new HashMap<>();
        try (StreamLog log = StreamLog.open(dir.resolve("log"))) {
            for (LogRecord r : log.stream("out").read(1, Integer.MAX_VALUE)) {
                // {"key":"k0","start":"...","end":"...","sum":12}
                java.util.regex.Matcher f = java.util.regex.Pattern.compile(
                        "\\{\"key\":\"([^\"]+)\",\"start\":\"([^\"]+)\",\"end\":\"[^\"]+\",\"sum\":([0-9.]+)}").matcher(r.text());
                assertTrue(f.matches(), r.text());
                String window = Instant.parse(f.group(2)).toEpochMilli() + " " + f.group(1);
                assertEquals(null, got.put(window, Double.parseDouble(f.group(3))), () -> "window " + window + " written twice");
            }
            assertEquals(0, log.info("in").orElseThrow().lag("sums"), "every record acknowledged");
        }
        Map<String, String> want = new TreeMap<>();
        expected.forEach((w, v) -> want.put(w, String.format(Locale.ROOT, "%.2f", v)));
        Map<String, String> have = new TreeMap<>();
        got.forEach((w, v) -> have.put(w, String.format(Locale.ROOT, "%.2f", v)));
        assertEquals(want, have);
        String output = runs();
        assertTrue(output.contains("resuming after checkpoint"), output);
        assertTrue(new String(Files.readAllBytes(dir.resolve("p.yaml")), StandardCharsets.UTF_8).contains("checkpoints"));
    }
}
