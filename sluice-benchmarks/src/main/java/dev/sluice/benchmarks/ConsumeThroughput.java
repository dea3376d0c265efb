package dev.sluice.benchmarks;

import dev.sluice.kafka.testing.LocalKafka;

import dev.sluice.log.GroupConsumer;
import dev.sluice.log.LogEntry;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamLog;
import dev.sluice.log.WindowStrategy;
import dev.sluice.log.kafka.KafkaStorage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reading a stream through a consumer group, in records per second, timed from the first record
 * read (a group's join is not part of the figure): Sluice's group consumer with windows of 500
 * records, each acknowledged, on the log on Kafka and on the embedded log, against a bare
 * {@link KafkaConsumer} that commits synchronously after each poll of up to 500 records (what
 * Sluice's member does on Kafka). The same 500,000 records of 100 bytes on every side, one
 * partition; after one untimed run of each, three runs each, in turn, with a new group each time,
 * and the median.
 */
final class ConsumeThroughput {
    private ConsumeThroughput() {}

    static final int RECORDS = 500_000;
    static final int WINDOW = 500;
    static final int RUNS = 3;

    static List<Compare.Result> compare() throws Exception {
        Path dir = Files.createTempDirectory("sluice-consume");
        List<Double> onKafka = new ArrayList<>();
        List<Double> embedded = new ArrayList<>();
        List<Double> bare = new ArrayList<>();
        try (LocalKafka broker = LocalKafka.start();
                StreamLog kafkaLog = StreamLog.on(KafkaStorage.builder(Map.of("bootstrap.servers", broker.bootstrap()))
                        .build(), StreamLog.Options.defaults());
                StreamLog embeddedLog = StreamLog.open(dir)) {
            fill(kafkaLog.stream("consume"));
            fill(embeddedLog.stream("consume"));
            // one untimed run of each side first: compiling the reading path is not part of the figure
            throughGroup(kafkaLog.stream("consume"), "sluice-warm-up");
            bareConsumer(broker.bootstrap(), "consume", "bare-warm-up");
            throughGroup(embeddedLog.stream("consume"), "sluice-warm-up");
            for (int run = 0; run < RUNS; run++) {
                onKafka.add(throughGroup(kafkaLog.stream("consume"), "sluice-" + run));
                bare.add(bareConsumer(broker.bootstrap(), "consume", "bare-" + run));
                embedded.add(throughGroup(embeddedLog.stream("consume"), "sluice-" + run));
                System.out.printf(Locale.ROOT, "consume run %d, records/s: log on Kafka %.0f, KafkaConsumer %.0f,"
                        + " embedded log %.0f%n", run + 1, onKafka.getLast(), bare.getLast(), embedded.getLast());
            }
        } finally {
            TempDirs.delete(dir);
        }
        String what = "consume through a group, windows of 500 acknowledged, ";
        return List.of(
                new Compare.Result(what + "log on Kafka vs KafkaConsumer (commitSync per poll)", median(onKafka),
                        median(bare), "records/s", true, "", null),
                new Compare.Result(what + "embedded log vs KafkaConsumer (commitSync per poll)", median(embedded),
                        median(bare), "records/s", true, "", null));
    }

    private static void fill(LogStream stream) {
        byte[] payload = new byte[100];
        List<LogEntry> batch = new ArrayList<>();
        for (int i = 0; i < RECORDS; i++) {
            batch.add(new LogEntry(null, payload, Map.of(), Instant.now()));
            if (batch.size() == 1000) {
                stream.appendAll(batch);
                batch.clear();
            }
        }
    }

    private static double throughGroup(LogStream stream, String group) throws InterruptedException {
        GroupConsumer consumer = stream.consumer(group, WindowStrategy.count(WINDOW));
        long[] seen = {0};
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (seen[0] == 0) { // joined and reading
            consumer.runOnce(w -> seen[0] += w.records().size());
            check(deadline, group, seen[0]);
        }
        long first = seen[0];
        long started = System.nanoTime();
        while (seen[0] < RECORDS) {
            consumer.runOnce(w -> seen[0] += w.records().size());
            check(deadline, group, seen[0]);
        }
        double rate = (seen[0] - first) * 1e9 / (System.nanoTime() - started);
        consumer.stop();
        return rate;
    }

    private static double bareConsumer(String bootstrap, String topic, String group) {
        Map<String, Object> conf = new HashMap<>();
        conf.put("bootstrap.servers", bootstrap);
        conf.put("group.id", group);
        conf.put("enable.auto.commit", false);
        conf.put("isolation.level", "read_committed");
        conf.put("auto.offset.reset", "earliest");
        conf.put("max.poll.records", WINDOW);
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(conf, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long seen = 0;
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (seen == 0) {
                seen += consumer.poll(Duration.ofMillis(20)).count();
                check(deadline, group, seen);
            }
            consumer.commitSync();
            long first = seen;
            long started = System.nanoTime();
            while (seen < RECORDS) {
                int got = consumer.poll(Duration.ofMillis(20)).count();
                if (got > 0) {
                    seen += got;
                    consumer.commitSync();
                }
                check(deadline, group, seen);
            }
            return (seen - first) * 1e9 / (System.nanoTime() - started);
        }
    }

    /** A run that has not read everything in this long has lost records: a failure, not a hang. */
    private static final Duration DEADLINE = Duration.ofMinutes(2);

    private static void check(long deadline, String group, long seen) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("group " + group + " read " + seen + " of " + RECORDS + " records in "
                    + DEADLINE);
        }
    }

    static double median(List<Double> runs) {
        List<Double> sorted = runs.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }
}
