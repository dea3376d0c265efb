package dev.sluice.benchmarks;

import dev.sluice.log.GroupConsumer;
import dev.sluice.log.LogRecord;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamLog;
import dev.sluice.log.Window;
import dev.sluice.log.WindowStrategy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Producer-to-consumer latency across two processes on the embedded log: the producer appends
 * 100-byte records at a fixed rate, each carrying {@link System#nanoTime()} (one clock for every
 * process on Linux); the consumer, another JVM, records arrival minus send time.
 *
 * <pre>
 *   java -cp sluice-benchmarks/target/benchmarks.jar dev.sluice.benchmarks.LogLatency [rate] [seconds]
 * </pre>
 */
public final class LogLatency {
    private LogLatency() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("consume")) {
            consume(Path.of(args[1]), Integer.parseInt(args[2]));
            return;
        }
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int count = rate * seconds;
        Path dir = Files.createTempDirectory("sluice-latency");
        try (StreamLog log = StreamLog.open(dir)) {
            log.stream("latency");
        }
        Process consumer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LogLatency.class.getName(), "consume", dir.toString(),
                Integer.toString(count)).inheritIO().start();
        try (StreamLog log = StreamLog.open(dir)) {
            LogStream stream = log.stream("latency");
            long interval = 1_000_000_000L / rate;
            long next = System.nanoTime() + 500_000_000L; // let the consumer start
            byte[] payload = new byte[100];
            for (int i = 0; i < count; i++) {
                while (System.nanoTime() < next) {
                    LockSupport.parkNanos(Math.max(1, next - System.nanoTime() - 50_000));
                }
                ByteBuffer.wrap(payload).putLong(System.nanoTime());
                stream.append(payload);
                next += interval;
            }
        }
        consumer.waitFor(1, TimeUnit.MINUTES);
    }

    static void consume(Path dir, int count) throws Exception {
        long[] latencies = new long[count];
        int[] seen = {0};
        try (StreamLog log = StreamLog.open(dir, StreamLog.Options.defaults().withPollInterval(Duration.ofMillis(1)))) {
            GroupConsumer consumer = log.stream("latency").consumer("latency", new Everything());
            while (seen[0] < count) {
                if (!consumer.runOnce((Window w) -> {
                    long now = System.nanoTime();
                    for (LogRecord r : w.records()) {
                        latencies[seen[0]++] = now - ByteBuffer.wrap(r.payload()).getLong();
                    }
                })) {
                    LockSupport.parkNanos(200_000);
                }
            }
        }
        Arrays.sort(latencies);
        System.out.printf("embedded log, %d records across processes: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms%n",
                count, latencies[count / 2] / 1e6, latencies[(int) (count * 0.99)] / 1e6,
                latencies[(int) (count * 0.999)] / 1e6);
    }

    /** Whatever is waiting, at once. */
    static final class Everything implements WindowStrategy {
        @Override
        public Optional<Window> ready(List<LogRecord> pending, Instant now) {
            return pending.isEmpty() ? Optional.empty() : Optional.of(Window.of(pending));
        }
    }
}
