package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the side-by-side comparisons in one JVM session and prints, for each, Sluice's figure, the
 * peer's and their ratio (Sluice / peer; higher is better for throughput), plus machine and JDK.
 * Also writes the results as JSON and as the markdown table of {@code docs/benchmarks.md}.
 *
 * <pre>
 *   java -cp sluice-benchmarks/target/benchmarks.jar dev.sluice.benchmarks.Compare [jsonFile] [markdownFile]
 * </pre>
 */
public final class Compare {
    private Compare() {}

    /** One comparison: a Sluice benchmark against a peer's, both in items per second. */
    record Row(String name, String sluice, String peer) {}

    static final List<Row> ROWS = List.of(
            new Row("sync chain vs hand-written loop (the limit)", "SyncChainBenchmark.sluice", "SyncChainBenchmark.handWrittenLoop"),
            new Row("sync chain vs RxJava 3 Flowable", "SyncChainBenchmark.sluice", "SyncChainBenchmark.rxjava"),
            new Row("sync chain vs Reactor Flux", "SyncChainBenchmark.sluice", "SyncChainBenchmark.reactor"),
            new Row("sync chain vs java.util.stream (boxed)", "SyncChainBenchmark.sluice", "SyncChainBenchmark.javaStream"),
            new Row("sync chain vs primitive loop (scale only)", "SyncChainBenchmark.sluice", "SyncChainBenchmark.primitiveLoop"),
            new Row("3 threaded stages vs RxJava observeOn", "ThreadedChainBenchmark.threeStages", "ThreadedChainBenchmark.rxjavaObserveOn"),
            new Row("3 threaded stages vs Reactor publishOn", "ThreadedChainBenchmark.threeStages", "ThreadedChainBenchmark.reactorPublishOn"),
            new Row("3 threaded stages vs JCTools SPSC handoff (the limit)", "ThreadedChainBenchmark.threeStages", "ThreadedChainBenchmark.jctoolsSpscHandoff"));

    public static void main(String[] args) throws Exception {
        Path json = Path.of(args.length > 0 ? args[0] : "sluice-benchmarks/target/benchmarks.json");
        Path markdown = args.length > 1 ? Path.of(args[1]) : null;
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("SyncChainBenchmark|ThreadedChainBenchmark")
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(TimeValue.seconds(1))
                .forks(1)
                .build()).run();
        Map<String, Double> score = new LinkedHashMap<>();
        for (RunResult r : results) {
            String label = r.getParams().getBenchmark();
            score.put(label.substring(label.lastIndexOf('.', label.lastIndexOf('.') - 1) + 1), r.getPrimaryResult().getScore());
        }
        String machine = Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + ", JDK " + System.getProperty("java.vm.vendor") + " "
                + System.getProperty("java.runtime.version");
        StringBuilder table = new StringBuilder();
        table.append("| comparison | Sluice (items/s) | peer (items/s) | ratio |\n|---|---:|---:|---:|\n");
        List<String> jsonRows = new ArrayList<>();
        for (Row row : ROWS) {
            Double s = score.get(row.sluice());
            Double p = score.get(row.peer());
            if (s == null || p == null) {
                continue;
            }
            double ratio = s / p;
            table.append(String.format(Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f |%n", row.name(), s, p, ratio));
            jsonRows.add(String.format(Locale.ROOT,
                    "  {\"name\": \"%s\", \"sluice\": %.1f, \"peer\": %.1f, \"unit\": \"items/s\", \"ratio\": %.4f}",
                    row.name(), s, p, ratio));
        }
        System.out.println();
        System.out.println("Sluice side by side, " + LocalDate.now() + ", " + machine);
        System.out.println(table);
        Files.createDirectories(json.toAbsolutePath().getParent());
        Files.writeString(json, "[\n" + String.join(",\n", jsonRows) + "\n]\n");
        System.out.println("JSON: " + json);
        if (markdown != null) {
            writeMarkdown(markdown, machine, table.toString());
            System.out.println("table: " + markdown);
        }
    }

    private static void writeMarkdown(Path file, String machine, String table) throws IOException {
        Files.writeString(file, """
                # Benchmarks

                Written by `bin/bench` (`dev.sluice.benchmarks.Compare`): the numbers below are its output,
                not hand-edited. Each comparison runs the same work on the same boxed `Long` objects with the
                same lambdas on both sides, in one JMH session (1 fork, 3 warm-up and 5 measured iterations of
                1 s); ratio = Sluice / peer, higher is better. On 2 cores the error bars are wide: rerun on
                your machine before drawing conclusions.

                - sync chain: `map(x * 3) -> filter(even) -> scan(sum) -> sink` over 1,000,000 items, one thread;
                - threaded: three stages, each on its own thread behind a queue of 1,024 (`observeOn` /
                  `publishOn` with the same prefetch for the peers), start-up and drain included.

                Measured %s on %s.

                %s
                Not yet compared: durable appends against a Kafka producer and a plain file, cross-process
                latency for the embedded log and Kafka, and cold start against a Flink MiniCluster (see
                issue "Benchmarks side by side with peers").
                """.formatted(LocalDate.now(), machine, table));
    }
}
