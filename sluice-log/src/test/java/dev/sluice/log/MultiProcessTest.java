package dev.sluice.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Producers and consumers in separate JVMs sharing one log directory, and kill -9 crash tests. */
class MultiProcessTest {
    @TempDir
    Path dir;

    /**
     * The children's temporary directory: sqlite-jdbc extracts its native library there and a
     * killed child never deletes it, so it goes where JUnit cleans up.
     */
    @TempDir
    Path childTmp;

    final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-Djava.io.tmpdir=" + childTmp, "-cp", System.getProperty("java.class.path"),
                LogWorker.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        processes.add(p);
        return p;
    }

    static void awaitExit(Process p) throws InterruptedException {
        assertTrue(p.waitFor(4, TimeUnit.MINUTES), "process finished");
        assertEquals(0, p.exitValue(), "exit code");
    }

    static Map<Long, String> consumed(Path out) throws IOException {
        Map<Long, String> seen = new HashMap<>();
        if (!Files.exists(out)) {
            return seen;
        }
        for (String line : Files.readAllLines(out)) {
            if (line.isBlank()) {
                continue; // a torn last line from a kill: its window was not acknowledged
            }
            int space = line.indexOf(' ');
            if (space > 0 && line.indexOf(':') > space) {
                seen.put(Long.parseLong(line.substring(0, space)), line.substring(space + 1));
            }
        }
        return seen;
    }

    @Test
    @org.junit.jupiter.api.Timeout(300)
    void fourProducerProcesses_oneConsumerProcess_everyRecordOnceInPlace() throws Exception {
        int perProducer = 100_000;
        int producers = 4;
        Path out = dir.resolve("consumed.txt");
        try (StreamLog log = StreamLog.open(dir)) {
            log.stream("shared"); // so every process sees it at once
        }
        Process consumer = start("consume", dir.toString(), "shared", "g", "1000",
                Long.toString((long) producers * perProducer), out.toString());
        List<Process> writers = new ArrayList<>();
        for (int i = 0; i < producers; i++) {
            writers.add(start("produce", dir.toString(), "shared", "p" + i, Integer.toString(perProducer), "1000"));
        }
        for (Process w : writers) {
            awaitExit(w);
        }
        awaitExit(consumer);

        try (StreamLog log = StreamLog.open(dir)) {
            LogStream stream = log.stream("shared");
            assertEquals(producers * perProducer, stream.info().records());
            assertEquals(producers * perProducer + 1, stream.info().nextPosition());
            int[] next = new int[producers];
            long expected = 1;
            for (long from = 1; from <= producers * perProducer; from += 10_000) {
                for (LogRecord r : stream.read(from, 10_000)) {
                    assertEquals(expected++, r.position(), "contiguous");
                    String[] f = r.text().split(":");
                    int producer = Integer.parseInt(f[0].substring(1));
                    assertEquals(next[producer]++, Integer.parseInt(f[1]), "each producer's records in its order");
                }
            }
            Map<Long, String> seen = consumed(out);
            assertEquals(producers * perProducer, seen.size(), "the consumer saw every record");
        }
    }

    @Test
    void killConsumer20Times_everyRecordProcessedAtLeastOnce() throws Exception {
        int total = 20_000;
        Path out = dir.resolve("consumed.txt");
        try (StreamLog log = StreamLog.open(dir)) {
            LogStream stream = log.stream("jobs");
            List<LogEntry> entries = new ArrayList<>();
            for (int i = 0; i < total; i++) {
                entries.add(LogEntry.of("job:" + i));
            }
            stream.appendAll(entries);
        }
        Random random = new Random(42);
        for (int kill = 0; kill < 20; kill++) {
            int before = consumed(out).size();
            Process consumer = start("consume", dir.toString(), "jobs", "workers", "50", Integer.toString(total),
                    out.toString());
            int target = before + 100 + random.nextInt(600);
            while (consumed(out).size() < target && consumer.isAlive()) {
                LockSupport.parkNanos(2_000_000); // polling another process's progress
            }
            consumer.destroyForcibly(); // SIGKILL
            consumer.waitFor();
        }
        awaitExit(start("consume", dir.toString(), "jobs", "workers", "50", Integer.toString(total), out.toString()));
        Map<Long, String> seen = consumed(out);
        BitSet missing = new BitSet();
        for (long p = 1; p <= total; p++) {
            if (!("job:" + (p - 1)).equals(seen.get(p))) {
                missing.set((int) p);
            }
        }
        assertTrue(missing.isEmpty(), "never processed: " + missing);
    }

    @Test
    void killProducerMidBatch_everyAcknowledgedRecordIsThere_andTheLogOpensCleanly() throws Exception {
        try (StreamLog log = StreamLog.open(dir)) {
            log.stream("writes");
        }
        Process producer = start("produce", dir.toString(), "writes", "p0", "1000000", "1000");
        BufferedReader acks = new BufferedReader(new InputStreamReader(producer.getInputStream(), StandardCharsets.UTF_8));
        long lastAcked = 0;
        for (int i = 0; i < 25; i++) {
            lastAcked = Long.parseLong(acks.readLine().substring("acked ".length()));
        }
        producer.destroyForcibly(); // mid-batch: it is writing the next one
        producer.waitFor();

        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.FILE));
                ResultSet rs = c.createStatement().executeQuery("PRAGMA integrity_check")) {
            rs.next();
            assertEquals("ok", rs.getString(1));
        }
        try (StreamLog log = StreamLog.open(dir)) {
            LogStream stream = log.stream("writes");
            long stored = stream.info().records();
            assertTrue(stored >= lastAcked, stored + " stored, " + lastAcked + " acknowledged");
            assertEquals(0, stored % 1000, "a batch is all or nothing");
            List<LogRecord> records = stream.read(1, (int) lastAcked);
            for (int i = 0; i < lastAcked; i++) {
                assertEquals("p0:" + i, records.get(i).text());
            }
            assertEquals(stored + 1, stream.append("after the crash"), "appends continue after the last batch");
        }
    }
}
