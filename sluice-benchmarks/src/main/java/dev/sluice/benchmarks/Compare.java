package dev.sluice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every side-by-side comparison in one session and prints, for each, Sluice's figure, the
 * peer's, their ratio (Sluice / peer) and the target, plus machine and JDK. Throughput comes from
 * JMH; latency, start-up and memory from whole processes ({@link LogLatency}, {@link ColdStart},
 * {@link HeapCheck}), since start-up and a second process are part of those figures; reading
 * through a consumer group from timed runs ({@link ConsumeThroughput}), since a group's join is not. Writes the
 * results as JSON (one object per comparison) and as {@code docs/benchmarks.md}.
 *
 * <pre>
 *   java -Dsluice.launcher=PATH -Dflink.classpath=CP -cp benchmarks.jar dev.sluice.benchmarks.Compare [json] [markdown]
 * </pre>
 */
public final class Compare {
    private Compare() {}

    /**
     * One comparison.
     *
     * @param higherIsBetter true for throughput, false for latency, start-up and memory
     * @param target the goal as text, e.g. {@code >= 1.0}; empty if there is none
     * @param met whether the goal is met; null if there is none
     */
    record Result(String name, double sluice, double peer, String unit, boolean higherIsBetter, String target,
            Boolean met) {
        double ratio() {
            return sluice / peer;
        }
    }

    public static void main(String[] args) throws Exception {
        Path json = Path.of(args.length > 0 ? args[0] : "sluice-benchmarks/target/benchmarks.json");
        Path markdown = args.length > 1 ? Path.of(args[1]) : null;
        List<Result> results = new ArrayList<>();
        // -Dsluice.bench.only=HttpIngest,ExpressionOverhead runs those groups alone, while working on one
        java.util.Set<String> only = java.util.Set.of(System.getProperty("sluice.bench.only", "").split(","));
        java.util.function.Predicate<String> run = group -> only.equals(java.util.Set.of("")) || only.contains(group);
        if (run.test("throughput")) {
            results.addAll(throughput());
        }
        if (run.test("latency")) {
            results.addAll(latency());
        }
        if (run.test("ConsumeThroughput")) {
            results.addAll(ConsumeThroughput.compare());
        }
        if (run.test("CheckpointOverhead")) {
            results.addAll(CheckpointOverhead.compare());
        }
        if (run.test("ExpressionOverhead")) {
            results.addAll(ExpressionOverhead.compare());
        }
        if (run.test("HttpIngest")) {
            results.addAll(HttpIngest.compare());
        }
        if (run.test("ColdStart")) {
            results.addAll(ColdStart.compare(System.getProperty("sluice.launcher"), System.getProperty("flink.classpath")));
        }
        if (run.test("HeapCheck")) {
            results.add(HeapCheck.compare());
        }
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", JDK " + System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.runtime.version");
        String table = table(results);
        System.out.println();
        System.out.println("Sluice side by side, " + LocalDate.now() + ", " + machine);
        System.out.println(table);
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, "[\n" + results.stream().map(Compare::json).collect(Collectors.joining(",\n")) + "\n]\n");
        System.out.println("JSON: " + json);
        if (markdown != null) {
            Files.writeString(markdown, Report.markdown(LocalDate.now().toString(), machine, table));
            System.out.println("table: " + markdown);
        }
    }

    /** The JMH comparisons, in one JMH session. */
    static List<Result> throughput() throws Exception {
        // Ten warm-up seconds: with five, the Kafka producer's batches were still speeding up
        // through the measured iterations (596k, 658k, 757k, 918k records/s).
        Collection<RunResult> runs = new ArrayList<>(new Runner(new OptionsBuilder()
                .include("LogAppendBenchmark|KafkaAppendBenchmark|FileAppendBenchmark")
                .warmupIterations(10).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .forks(1)
                .build()).run());
        // The chain reads 16 MB of boxed items per pass and is bound by memory: on a shared VM one
        // fork gave 65M and the next 102M items/s for the same code. Three forks each.
        runs.addAll(new Runner(new OptionsBuilder()
                .include("SyncChainBenchmark")
                .warmupIterations(5).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .forks(3)
                .build()).run());
        // More busy threads than cores: where the scheduler puts them differs from JVM to JVM,
        // and one fork gave anything from 10M to 16M items/s on 2 cores. Three forks each.
        runs.addAll(new Runner(new OptionsBuilder()
                .include("ThreadedChainBenchmark")
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(4).measurementTime(TimeValue.seconds(1))
                .forks(3)
                .build()).run());
        Map<String, Double> score = new LinkedHashMap<>();
        for (RunResult r : runs) {
            String label = r.getParams().getBenchmark();
            String key = label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1);
            String durability = r.getParams().getParam("durability");
            score.put(durability == null ? key : key + ":" + durability, r.getPrimaryResult().getScore());
        }
        List<Result> out = new ArrayList<>();
        String sync = "SyncChainBenchmark.sluice";
        out.add(items("sync chain vs hand-written loop (the limit)", score, sync, "SyncChainBenchmark.handWrittenLoop", 0.5));
        out.add(items("sync chain vs RxJava 3 Flowable", score, sync, "SyncChainBenchmark.rxjava", 1.0));
        out.add(items("sync chain vs Reactor Flux", score, sync, "SyncChainBenchmark.reactor", 1.0));
        out.add(items("sync chain vs java.util.stream (boxed)", score, sync, "SyncChainBenchmark.javaStream", null));
        out.add(items("sync chain vs primitive loop (scale only)", score, sync, "SyncChainBenchmark.primitiveLoop", null));
        out.add(items("sync chain, the caller's loop calling emit per item, vs Reactor Flux", score,
                "SyncChainBenchmark.sluiceEmitEach", "SyncChainBenchmark.reactor", null));
        String threaded = "ThreadedChainBenchmark.threeStages";
        double rx = score.get("ThreadedChainBenchmark.rxjavaObserveOn");
        double reactor = score.get("ThreadedChainBenchmark.reactorPublishOn");
        out.add(items("3 threaded stages vs RxJava observeOn", score, threaded, "ThreadedChainBenchmark.rxjavaObserveOn",
                rx >= reactor ? 2.0 : null));
        out.add(items("3 threaded stages vs Reactor publishOn", score, threaded, "ThreadedChainBenchmark.reactorPublishOn",
                reactor > rx ? 2.0 : null));
        out.add(items("3 threaded stages vs JCTools SPSC handoff (the limit)", score, threaded,
                "ThreadedChainBenchmark.jctoolsSpscHandoff", null));
        // For scale: with as many threads as cores, no stage waits for a core (see docs/benchmarks.md).
        out.add(items("2 threaded stages vs Reactor publishOn, 2 threads each (for scale)", score,
                "ThreadedChainBenchmark.twoStages", "ThreadedChainBenchmark.reactorTwoStages", null));
        out.add(items("caller's thread emitting into 3 queued stages (4 threads) vs Reactor publishOn", score,
                "ThreadedChainBenchmark.callerEmits", "ThreadedChainBenchmark.reactorPublishOn", null));
        out.add(records("append batches of 1,000, fsync per commit, vs Kafka producer (acks=all)", score,
                "LogAppendBenchmark.batchesOf1000:EVERY_COMMIT", "KafkaAppendBenchmark.batchesOf1000", 1.0));
        out.add(records("append batches of 1,000, periodic sync (Kafka's durability), vs Kafka producer", score,
                "LogAppendBenchmark.batchesOf1000:PERIODIC", "KafkaAppendBenchmark.batchesOf1000", 1.0));
        out.add(records("append batches of 1,000, fsync per commit, vs plain file + fsync (the limit)", score,
                "LogAppendBenchmark.batchesOf1000:EVERY_COMMIT", "FileAppendBenchmark.batchesOf1000", null));
        out.add(records("single appends from 4 threads, 1,000 in flight each, fsync per commit, vs Kafka", score,
                "LogAppendBenchmark.singleAppendsInFlightFrom4Threads:EVERY_COMMIT",
                "KafkaAppendBenchmark.singleSendsInFlightFrom4Threads", null));
        double inFlight = score.get("LogAppendBenchmark.singleAppendsInFlightFrom4Threads:EVERY_COMMIT");
        out.add(new Result("single appends from 4 threads through group commit vs 100,000/s goal", inFlight, 100_000,
                "records/s", true, ">= 1.0", inFlight >= 100_000));
        out.add(records("single appends from 4 threads, each waiting for its commit, vs Kafka send().get()", score,
                "LogAppendBenchmark.singleAppendsFrom4Threads:EVERY_COMMIT", "KafkaAppendBenchmark.singleSendsFrom4Threads",
                null));
        return out;
    }

    private static Result items(String name, Map<String, Double> score, String sluice, String peer, Double atLeast) {
        return ratio(name, score.get(sluice), score.get(peer), "items/s", atLeast);
    }

    private static Result records(String name, Map<String, Double> score, String sluice, String peer, Double atLeast) {
        return ratio(name, score.get(sluice), score.get(peer), "records/s", atLeast);
    }

    private static Result ratio(String name, double sluice, double peer, String unit, Double atLeast) {
        return new Result(name, sluice, peer, unit, true, atLeast == null ? "" : String.format(Locale.ROOT, ">= %.1f", atLeast),
                atLeast == null ? null : sluice / peer >= atLeast);
    }

    /**
     * Cross-process latency at 10,000 records/s: the embedded log (both durabilities) against Kafka,
     * and with an fsync per commit against the same disk's fsync alone.
     */
    static final int LATENCY_RUNS = 3;

    static List<Result> latency() throws Exception {
        int rate = 10_000;
        int seconds = 10;
        // Runs each side three times, in turn, and keeps the median of each percentile: a single
        // stall of the VM or its disk (up to 180 ms, seen in the producer's commits with every
        // checkpoint turned off) holds more than 1% of a 10-second run's records and decides a
        // single run's p99 on its own, for either side.
        List<LogLatency.Percentiles> kafkaRuns = new ArrayList<>();
        List<LogLatency.Percentiles> periodicRuns = new ArrayList<>();
        List<LogLatency.Percentiles> fullRuns = new ArrayList<>();
        List<LogLatency.Percentiles> fileRuns = new ArrayList<>();
        for (int run = 0; run < LATENCY_RUNS; run++) {
            kafkaRuns.add(LogLatency.kafka(rate, seconds));
            periodicRuns.add(LogLatency.embedded(rate, seconds, dev.sluice.log.Durability.PERIODIC));
            fullRuns.add(LogLatency.embedded(rate, seconds, dev.sluice.log.Durability.EVERY_COMMIT));
            fileRuns.add(LogLatency.fileWithFsync(rate, seconds));
            System.out.printf(Locale.ROOT, "latency run %d, p50/p99/p99.9 ms: kafka %s, periodic %s, fsync per commit %s, file %s%n",
                    run + 1, kafkaRuns.getLast(), periodicRuns.getLast(), fullRuns.getLast(), fileRuns.getLast());
        }
        LogLatency.Percentiles kafka = LogLatency.Percentiles.median(kafkaRuns);
        LogLatency.Percentiles periodic = LogLatency.Percentiles.median(periodicRuns);
        LogLatency.Percentiles full = LogLatency.Percentiles.median(fullRuns);
        LogLatency.Percentiles file = LogLatency.Percentiles.median(fileRuns);
        List<Result> out = new ArrayList<>();
        String at = " at 10,000 records/s across processes";
        out.add(new Result("p50 latency, embedded log (periodic sync) vs Kafka" + at, periodic.p50(), kafka.p50(), "ms",
                false, "", null));
        out.add(new Result("p99 latency, embedded log (periodic sync) vs Kafka" + at, periodic.p99(), kafka.p99(), "ms",
                false, "<= 1.0 and < 5 ms", periodic.p99() <= kafka.p99() && periodic.p99() < 5));
        out.add(new Result("p99.9 latency, embedded log (periodic sync) vs Kafka" + at, periodic.p999(), kafka.p999(),
                "ms", false, "", null));
        out.add(new Result("p50 latency, embedded log (fsync per commit) vs Kafka" + at, full.p50(), kafka.p50(), "ms",
                false, "", null));
        out.add(new Result("p99 latency, embedded log (fsync per commit) vs Kafka" + at, full.p99(), kafka.p99(), "ms",
                false, "<= 1.0 and < 5 ms", full.p99() <= kafka.p99() && full.p99() < 5));
        out.add(new Result("p99.9 latency, embedded log (fsync per commit) vs Kafka" + at, full.p999(), kafka.p999(),
                "ms", false, "", null));
        String limit = " vs a plain file with an fsync per group commit (the limit) at 10,000 records/s";
        out.add(new Result("p50 latency, embedded log (fsync per commit)" + limit, full.p50(), file.p50(), "ms",
                false, "", null));
        out.add(new Result("p99 latency, embedded log (fsync per commit)" + limit, full.p99(), file.p99(), "ms",
                false, "", null));
        out.add(new Result("p99.9 latency, embedded log (fsync per commit)" + limit, full.p999(), file.p999(), "ms",
                false, "", null));
        return out;
    }

    static String table(List<Result> results) {
        StringBuilder t = new StringBuilder("| comparison | Sluice | peer | unit | ratio | target | met |\n"
                + "|---|---:|---:|---|---:|---|---|\n");
        for (Result r : results) {
            t.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %.2f | %s | %s |%n", r.name(), figure(r.sluice()),
                    figure(r.peer()), r.unit(), r.ratio(), r.target(), r.met() == null ? "" : r.met() ? "yes" : "**no**"));
        }
        return t.toString();
    }

    private static String figure(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%,.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String json(Result r) {
        return String.format(Locale.ROOT,
                "  {\"name\": \"%s\", \"sluice\": %.4f, \"peer\": %.4f, \"unit\": \"%s\", \"ratio\": %.4f,"
                        + " \"higher_is_better\": %s, \"target\": \"%s\", \"met\": %s}",
                r.name(), r.sluice(), r.peer(), r.unit(), r.ratio(), r.higherIsBetter(), r.target(), r.met());
    }
}
