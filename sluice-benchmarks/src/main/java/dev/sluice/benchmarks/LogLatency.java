package dev.sluice.benchmarks;

import dev.sluice.kafka.testing.LocalKafka;

import dev.sluice.log.Durability;
import dev.sluice.log.GroupConsumer;
import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamLog;
import dev.sluice.log.Window;
import dev.sluice.log.WindowStrategy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Producer-to-consumer latency across two processes, for the embedded log and for Kafka: this
 * process sends 100-byte records at a fixed rate, each carrying {@link System#nanoTime()} (one
 * clock for every process on Linux); a consumer in another JVM records arrival minus send time.
 * The first five seconds warm both sides up and are not counted: with two, the JIT compilers
 * were still at work in the measured seconds on 2 cores, and the first measured second held
 * half of the slow records, for the log and for Kafka alike. The producer does not wait for
 * each record (Kafka's {@code send}, the log's {@code appendAsync}), so a slow commit delays
 * records rather than the send schedule.
 *
 * <pre>
 *   java -cp benchmarks.jar dev.sluice.benchmarks.LogLatency embedded|kafka|file [rate] [seconds] [EVERY_COMMIT|PERIODIC]
 * </pre>
 */
public final class LogLatency {
    private LogLatency() {}

    /** Seconds sent before the measured ones. */
    static final int WARM_UP_SECONDS = 5;

    /** The result: percentiles in milliseconds. */
    record Percentiles(double p50, double p99, double p999) {
        /** The percentiles of {@code nanos} (sorted here), in milliseconds. */
        static Percentiles of(long[] nanos) {
            Arrays.sort(nanos);
            int n = nanos.length;
            return new Percentiles(nanos[n / 2] / 1e6, nanos[(int) (n * 0.99)] / 1e6, nanos[(int) (n * 0.999)] / 1e6);
        }

        /** The median of each percentile over {@code runs} (an odd number of them). */
        static Percentiles median(List<Percentiles> runs) {
            return new Percentiles(median(runs, Percentiles::p50), median(runs, Percentiles::p99),
                    median(runs, Percentiles::p999));
        }

        private static double median(List<Percentiles> runs, java.util.function.ToDoubleFunction<Percentiles> which) {
            return runs.stream().mapToDouble(which).sorted().toArray()[runs.size() / 2];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%.2f/%.2f/%.2f", p50, p99, p999);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("consume")) {
            consume(args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]), Durability.valueOf(args[5]));
            return;
        }
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Durability durability = args.length > 3 ? Durability.valueOf(args[3]) : Durability.EVERY_COMMIT;
        Percentiles p = switch (args[0]) {
            case "kafka" -> kafka(rate, seconds);
            case "file" -> fileWithFsync(rate, seconds);
            default -> embedded(rate, seconds, durability);
        };
        System.out.printf(Locale.ROOT, "%s at %d records/s: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms%n", args[0], rate,
                p.p50(), p.p99(), p.p999());
    }

    /** The embedded log in a temporary directory. */
    static Percentiles embedded(int rate, int seconds, Durability durability) throws Exception {
        Path dir = Files.createTempDirectory("sluice-latency");
        try (StreamLog log = StreamLog.open(dir, StreamLog.Options.defaults().withDurability(durability))) {
            LogStream stream = log.stream("latency");
            return run("embedded", dir.toString(), rate, seconds, durability,
                    payload -> stream.appendAsync(new LogEntry(null, payload, Map.of(), Instant.now())));
        } finally {
            TempDirs.delete(dir);
        }
    }

    /**
     * The limit for a record that becomes visible only once it is on disk: the same send schedule
     * into a plain file in one process, with group commit (a writer thread writes whatever has
     * arrived, fsyncs, and takes the next lot; nothing waits for a linger). Latency is send to the
     * end of the fsync that covered the record. No database, no consumer, no second process: only
     * what this disk's fsync costs.
     */
    static Percentiles fileWithFsync(int rate, int seconds) throws Exception {
        int warm = rate * WARM_UP_SECONDS;
        int count = rate * seconds;
        long[] latencies = new long[warm + count];
        java.util.concurrent.LinkedBlockingQueue<byte[]> arrived = new java.util.concurrent.LinkedBlockingQueue<>();
        Path file = Files.createTempFile("sluice-fsync", ".bin");
        java.util.concurrent.atomic.AtomicReference<Exception> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = Thread.ofPlatform().name("fsync-writer").start(() -> {
            List<byte[]> lot = new ArrayList<>();
            try (java.nio.channels.FileChannel ch = java.nio.channels.FileChannel.open(file,
                    java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.APPEND)) {
                int done = 0;
                while (done < warm + count) {
                    lot.add(arrived.take());
                    arrived.drainTo(lot);
                    ByteBuffer all = ByteBuffer.allocate(lot.size() * 100);
                    lot.forEach(all::put);
                    all.flip();
                    while (all.hasRemaining()) {
                        ch.write(all);
                    }
                    ch.force(false);
                    long now = System.nanoTime();
                    for (byte[] payload : lot) {
                        ByteBuffer b = ByteBuffer.wrap(payload);
                        long sent = b.getLong();
                        latencies[b.getInt()] = now - sent;
                    }
                    done += lot.size();
                    lot.clear();
                }
            } catch (Exception e) {
                failed.set(e);
            }
        });
        try {
            sendAtRate(rate, warm + count, arrived::add);
            writer.join();
        } finally {
            Files.deleteIfExists(file);
        }
        if (failed.get() != null) {
            throw failed.get();
        }
        return Percentiles.of(Arrays.copyOfRange(latencies, warm, warm + count));
    }

    /** A single-node KRaft broker on loopback, started here; producer with acks=all, no linger. */
    static Percentiles kafka(int rate, int seconds) throws Exception {
        try (dev.sluice.kafka.testing.LocalKafka broker = dev.sluice.kafka.testing.LocalKafka.start()) {
            broker.createTopic("latency");
            Properties props = new Properties();
            props.put("bootstrap.servers", broker.bootstrap());
            props.put("acks", "all");
            props.put("linger.ms", "0"); // Kafka's best p99 here: 45 ms against 60 with linger.ms=1
            try (KafkaProducer<byte[], byte[]> producer =
                    new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
                return run("kafka", broker.bootstrap(), rate, seconds, Durability.PERIODIC,
                        payload -> producer.send(new ProducerRecord<>("latency", payload)));
            }
        }
    }

    private interface Sender {
        void send(byte[] payload) throws Exception;
    }

    /** Sends {@code total} 100-byte records on a fixed schedule, each with its send time and number. */
    private static void sendAtRate(int rate, int total, Sender sender) throws Exception {
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        for (int i = 0; i < total; i++) {
            while (System.nanoTime() < next) {
                LockSupport.parkNanos(Math.max(1, next - System.nanoTime() - 50_000));
            }
            byte[] payload = new byte[100];
            ByteBuffer.wrap(payload).putLong(System.nanoTime()).putInt(i);
            sender.send(payload);
            next += interval;
        }
    }

    private static Percentiles run(String kind, String where, int rate, int seconds, Durability durability, Sender sender)
            throws Exception {
        int warm = rate * WARM_UP_SECONDS;
        int count = rate * seconds;
        Process consumer = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                LogLatency.class.getName(), "consume", kind, where, Integer.toString(warm), Integer.toString(warm + count),
                durability.name())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader said = new BufferedReader(new InputStreamReader(consumer.getInputStream(), StandardCharsets.UTF_8))) {
            if (!"ready".equals(said.readLine())) {
                throw new IllegalStateException("the " + kind + " consumer did not start");
            }
            sendAtRate(rate, warm + count, sender);
            String[] result = said.readLine().split(" ");
            if (!consumer.waitFor(1, TimeUnit.MINUTES)) {
                consumer.destroyForcibly();
            }
            return new Percentiles(Double.parseDouble(result[0]), Double.parseDouble(result[1]),
                    Double.parseDouble(result[2]));
        }
    }

    /** In the consumer JVM: says "ready", then takes {@code total} records and prints the percentiles. */
    static void consume(String kind, String where, int warm, int total, Durability durability) throws Exception {
        long[] latencies = new long[total];
        int[] seen = {0};
        Receiver receiver = kind.equals("kafka") ? kafkaReceiver(where) : embeddedReceiver(where, durability);
        try (receiver) {
            receiver.poll(); // connected and joined before the producer starts
            System.out.println("ready");
            System.out.flush();
            while (seen[0] < total) {
                for (byte[] payload : receiver.poll()) {
                    long now = System.nanoTime();
                    ByteBuffer b = ByteBuffer.wrap(payload);
                    long sent = b.getLong();
                    latencies[b.getInt()] = now - sent;
                    seen[0]++;
                }
            }
        }
        Percentiles p = Percentiles.of(Arrays.copyOfRange(latencies, warm, total));
        System.out.printf(Locale.ROOT, "%.3f %.3f %.3f%n", p.p50(), p.p99(), p.p999());
    }

    private interface Receiver extends AutoCloseable {
        List<byte[]> poll() throws Exception;
    }

    private static Receiver embeddedReceiver(String dir, Durability durability) {
        StreamLog log = StreamLog.open(Path.of(dir), StreamLog.Options.defaults().withDurability(durability)
                .withPollInterval(Duration.ofMillis(1)));
        GroupConsumer consumer = log.stream("latency").consumer("latency", new Everything());
        return new Receiver() {
            @Override
            public List<byte[]> poll() throws Exception {
                List<byte[]> out = new ArrayList<>();
                if (!consumer.runOnce((Window w) -> w.records().forEach(r -> out.add(r.payload())))) {
                    LockSupport.parkNanos(100_000);
                }
                return out;
            }

            @Override
            public void close() {
                log.close();
            }
        };
    }

    private static Receiver kafkaReceiver(String bootstrap) {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrap);
        props.put("group.id", "latency");
        props.put("auto.offset.reset", "earliest");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of("latency"));
        while (consumer.assignment().isEmpty()) {
            consumer.poll(Duration.ofMillis(100)); // joins the group
        }
        return new Receiver() {
            @Override
            public List<byte[]> poll() {
                List<byte[]> out = new ArrayList<>();
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    out.add(r.value());
                }
                consumer.commitAsync(); // like the log's consumer, which acknowledges every window
                return out;
            }

            @Override
            public void close() {
                consumer.close();
            }
        };
    }

    /** Whatever is waiting, at once. */
    static final class Everything implements WindowStrategy {
        @Override
        public Optional<Window> ready(List<LogRecord> pending, Instant now) {
            return pending.isEmpty() ? Optional.empty() : Optional.of(Window.of(pending));
        }
    }
}
