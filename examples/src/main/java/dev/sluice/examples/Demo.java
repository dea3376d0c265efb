package dev.sluice.examples;

import dev.sluice.cli.Drawing;
import dev.sluice.cli.Render;
import dev.sluice.Aggregators;
import dev.sluice.DeadLetter;
import dev.sluice.ErrorPolicy;
import dev.sluice.Pipe;
import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.WindowResult;
import dev.sluice.WindowSpec;
import dev.sluice.files.Csv;
import dev.sluice.files.CsvRow;
import dev.sluice.files.FileNodes;
import dev.sluice.log.GroupConsumer;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamLog;
import dev.sluice.log.WindowStrategy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The README demo, on the embedded default, with no server:
 *
 * <pre>
 *   CSV files dropped into a directory
 *     -> watch -> read lines -> parse CSV (bad rows to a dead-letter list, with file and line)
 *     -> per sensor, 1-minute event-time windows, average -> append to the durable stream "averages"
 *   a consumer group then reads "averages" from the log in windows of 3 and prints them
 * </pre>
 *
 * Usage: {@code Demo [workDir] [files] [linesPerFile]}; without a directory it uses a temporary one.
 */
public final class Demo {
    private Demo() {}

    public static void main(String[] args) throws Exception {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sluice-demo");
        int files = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int linesPerFile = args.length > 2 ? Integer.parseInt(args[2]) : 5_400; // 30 minutes of 3 sensors
        Path inbox = Files.createDirectories(work.resolve("inbox"));
        List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());
        // event time: the last minute of each sensor closes when the input ends (at stop)
        int closedByWatermark = (files * linesPerFile / 3 / 60 - 1) * 3;
        CountDownLatch allWindows = new CountDownLatch(closedByWatermark);

        System.out.println("Sluice demo in " + work);
        try (StreamLog log = StreamLog.open(work.resolve("log"))) {
            LogStream averages = log.stream("averages");
            long started = System.nanoTime();
            Pipeline pipeline = Sluice.pipeline().name("demo").build();
            try (pipeline) {
                Pipe<CsvRow> rows = pipeline
                        .generate("watch", FileNodes.watch(inbox).glob("*.csv").pollInterval(Duration.ofMillis(50)).build())
                        .process(FileNodes.lines()).named("read")
                        .buffer(1024).named("handoff")
                        .process(Csv.parser().column("celsius", Double::parseDouble).column("at", Instant::parse).build())
                        .named("parse").errorPolicy(ErrorPolicy.deadLetter(deadLetters::add));
                rows.keyBy(r -> (String) r.get("sensor"))
                        .window(WindowSpec.tumbling(Duration.ofMinutes(1)))
                        .eventTime(r -> ((Instant) r.get("at")).toEpochMilli(), Duration.ZERO)
                        .aggregate(Aggregators.averaging(r -> (Double) r.get("celsius"))).named("avg-per-minute")
                        .map(Demo::describe).named("format")
                        .sink(line -> {
                            averages.append(line);
                            allWindows.countDown();
                        }).named("to-log");
                pipeline.start();
                for (int f = 0; f < files; f++) {
                    drop(inbox, work, f, linesPerFile);
                }
                if (!allWindows.await(60, TimeUnit.SECONDS)) {
                    System.out.println("(stopped waiting: " + allWindows.getCount() + " windows missing)");
                }
                pipeline.stop(); // the watcher completes; the last windows fire; close() waits for the drain
            }
            long millis = (System.nanoTime() - started) / 1_000_000;

            System.out.println(files + " CSV files of " + linesPerFile + " lines: per-sensor averages per minute, "
                    + "appended to the durable stream 'averages' (" + averages.info().records() + " records)");
            System.out.println("a consumer group reads them back from the log, 3 at a time (first 4 windows):");
            GroupConsumer reader = averages.consumer("printer", WindowStrategy.count(3));
            for (int i = 0; i < 4 && reader.runOnce(w -> System.out.println("  " + String.join(" | ", w.texts()))); i++) {
                // one window of 3 per call
            }
            System.out.println("lag of group 'printer': " + reader.lag() + " records");
            System.out.println();
            System.out.println(deadLetters.size() + " malformed rows went to the dead-letter list, for example:");
            deadLetters.stream().limit(2).forEach(d -> System.out.println("  " + d.error().getMessage()));
            System.out.println();
            System.out.println(Render.table(pipeline.snapshot()));
            System.out.println("done in " + millis + " ms on " + Runtime.getRuntime().availableProcessors()
                    + " cores; the graph, in Mermaid:");
            System.out.println(Render.mermaid(Drawing.of("demo", pipeline.snapshot())));
        }
    }

    /** Writes one CSV file next to the inbox, then moves it in, so the watcher never sees half a file. */
    static void drop(Path inbox, Path work, int index, int lines) throws IOException {
        String[] sensors = {"boiler", "cellar", "roof"};
        Instant t0 = Instant.parse("2026-11-27T00:00:00Z").plusSeconds((long) index * lines / 3);
        StringBuilder csv = new StringBuilder("sensor,at,celsius\n");
        for (int n = 0; n < lines; n++) {
            String sensor = sensors[n % 3];
            long second = n / 3;
            if (n == lines / 2) {
                csv.append(sensor).append(",").append(t0.plusSeconds(second)).append(",n/a\n"); // a broken reading
                continue;
            }
            double base = sensor.equals("boiler") ? 70 : sensor.equals("cellar") ? 12 : 4;
            double celsius = base + 5 * Math.sin((index * lines / 3.0 + second) / 600.0) + (n % 7) * 0.1;
            csv.append(sensor).append(',').append(t0.plusSeconds(second)).append(',')
                    .append(String.format(Locale.ROOT, "%.2f", celsius)).append('\n');
        }
        Path tmp = work.resolve("readings-" + index + ".tmp");
        Files.writeString(tmp, csv);
        Files.move(tmp, inbox.resolve("readings-" + index + ".csv"), StandardCopyOption.ATOMIC_MOVE);
    }

    static String describe(WindowResult<String, Double> r) {
        return String.format(Locale.ROOT, "%s %s %.2f", r.start().toString().substring(11, 16), r.key(), r.value());
    }
}
