package dev.sluice.log.kafka;

import dev.sluice.kafka.testing.Broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.log.StreamLog;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Consumer processes of one group share a stream's partitions on Kafka; when one is killed with
 * SIGKILL, the other takes its partitions and nothing is lost (at least once).
 */
class KafkaMultiProcessTest {
    @RegisterExtension
    static final Broker BROKER = new Broker();

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void killLeftovers() throws InterruptedException {
        for (Process p : processes) {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    /** A worker process and what it printed, line by line, as it printed it. */
    final class Worker {
        final Process process;
        final List<String> lines = new CopyOnWriteArrayList<>();
        final Thread reader;

        Worker(String stream, String group) throws Exception {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx128m", "-cp", System.getProperty("java.class.path"), KafkaLogWorker.class.getName(),
                    BROKER.bootstrap(), stream, group).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            processes.add(process);
            reader = Thread.ofPlatform().daemon(true).start(() -> {
                try (BufferedReader in = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                        progress.get().countDown();
                    }
                } catch (java.io.IOException ignored) {
                    // the process died
                }
            });
        }

        Set<Integer> partitions() {
            Set<Integer> out = new TreeSet<>();
            lines.forEach(l -> out.add(Integer.parseInt(l.substring(0, l.indexOf(' ')))));
            return out;
        }
    }

    final AtomicReference<java.util.concurrent.CountDownLatch> progress =
            new AtomicReference<>(new java.util.concurrent.CountDownLatch(400));

    static Set<String> texts(List<Worker> workers) {
        Set<String> out = new TreeSet<>();
        workers.forEach(w -> w.lines.forEach(l -> out.add(l.substring(l.indexOf(' ') + 1))));
        return out;
    }

    @Test
    void twoProcessesShareFourPartitions_andTheSurvivorOfAKillTakesAll() throws Exception {
        try (StreamLog log = StreamLog.on(KafkaStorage.builder(BROKER.conf()).partitions(4).build(),
                StreamLog.Options.defaults()); Admin admin = Admin.create(BROKER.conf())) {
            var stream = log.stream("jobs");
            List<Worker> workers = List.of(new Worker("jobs", "workers"), new Worker("jobs", "workers"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (KafkaLogTest.assignment(admin, "workers").values().stream().filter(s -> s.size() == 2).count() != 2) {
                assertTrue(System.nanoTime() < deadline, "both processes joined with two partitions each");
            }
            stream.appendAll(KafkaLogTest.keyed(0, 400));
            assertTrue(progress.get().await(60, TimeUnit.SECONDS), "processed " + texts(workers).size());
            assertEquals(KafkaLogTest.expected(0, 400), texts(workers));
            assertEquals(2, workers.get(0).partitions().size(), "two partitions each: " + workers.get(0).partitions());
            assertEquals(2, workers.get(1).partitions().size(), "two partitions each: " + workers.get(1).partitions());

            workers.get(0).process.destroyForcibly(); // SIGKILL: no commit, no goodbye to the group
            workers.get(0).process.waitFor();
            progress.set(new java.util.concurrent.CountDownLatch(100));
            stream.appendAll(KafkaLogTest.keyed(400, 500));
            // the broker notices the dead member after its session timeout (6 s) and moves its partitions
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!texts(workers).containsAll(KafkaLogTest.expected(0, 500))) {
                assertTrue(progress.get().await(until - System.nanoTime(), TimeUnit.NANOSECONDS),
                        "processed " + texts(workers).size() + " of 500");
                progress.set(new java.util.concurrent.CountDownLatch(1));
            }
            assertEquals(Set.of(0, 1, 2, 3), workers.get(1).partitions(), "the survivor read every partition");
            workers.get(1).process.getOutputStream().close(); // graceful stop
            assertTrue(workers.get(1).process.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, workers.get(1).process.exitValue());
        }
    }
}
