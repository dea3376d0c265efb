package dev.sluice.examples;

import dev.sluice.Aggregators;
import dev.sluice.DeadLetter;
import dev.sluice.ErrorPolicy;
import dev.sluice.Pipe;
import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.WindowResult;
import dev.sluice.WindowSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * The README demo: a sensor feed of CSV lines, parsed on one thread (bad lines go to a dead-letter
 * list with their reason), averaged per sensor in one-minute event-time windows on another, and
 * printed; then the pipeline's status table and its graph. No server, a second or so.
 *
 * <pre>
 *   readings (generator) -> parse (map, dead letters) -> buffer -> per-sensor 1-minute windows -> print
 * </pre>
 */
public final class Demo {
    /** One parsed reading. */
    public record Reading(String sensor, Instant at, double celsius) {}

    private Demo() {}

    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        List<DeadLetter> deadLetters = Collections.synchronizedList(new ArrayList<>());
        List<String> report = Collections.synchronizedList(new ArrayList<>());

        try (Pipeline pipeline = Sluice.pipeline().name("demo").build()) {
            Pipe<Reading> readings = pipeline.fromIterable("readings", csvFeed(lines))
                    .map(Demo::parse).named("parse").errorPolicy(ErrorPolicy.deadLetter(deadLetters::add))
                    .buffer(1024).named("handoff");

            readings.keyBy(Reading::sensor)
                    .window(WindowSpec.tumbling(Duration.ofMinutes(1)))
                    .eventTime(r -> r.at().toEpochMilli(), Duration.ofSeconds(5))
                    .aggregate(Aggregators.averaging(Reading::celsius)).named("avg-per-minute")
                    .filter(r -> r.start().getEpochSecond() % 3600 == 0).named("on-the-hour")
                    .map(Demo::describe).named("format")
                    .sink(report::add).named("print");

            long started = System.nanoTime();
            pipeline.start();
            pipeline.await();
            long millis = (System.nanoTime() - started) / 1_000_000;

            System.out.println("Sluice demo: " + lines + " CSV lines from 3 sensors, averaged per sensor per minute");
            System.out.println("(showing the minutes on the hour)");
            report.forEach(System.out::println);
            System.out.println();
            System.out.println(deadLetters.size() + " malformed lines went to the dead-letter list, for example:");
            deadLetters.stream().limit(2).forEach(d -> System.out.println("  " + d.describe()));
            System.out.println();
            System.out.println(pipeline.statusTable());
            System.out.println("processed in " + millis + " ms on " + Runtime.getRuntime().availableProcessors()
                    + " cores; the graph, in Mermaid:");
            System.out.println(pipeline.toMermaid());
        }
    }

    /** Three sensors, one line each per second of event time, and a malformed line now and then. */
    static Iterable<String> csvFeed(int count) {
        Instant t0 = Instant.parse("2026-11-27T00:00:00Z");
        String[] sensors = {"boiler", "cellar", "roof"};
        return () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < count;
            }

            @Override
            public String next() {
                int n = i++;
                if (n % 50_000 == 49_999) {
                    return "garbage line " + n;
                }
                String sensor = sensors[n % 3];
                long second = n / 3;
                double base = sensor.equals("boiler") ? 70 : sensor.equals("cellar") ? 12 : 4;
                double celsius = base + 5 * Math.sin(second / 600.0) + (n % 7) * 0.1;
                return sensor + "," + t0.plusSeconds(second) + "," + String.format(Locale.ROOT, "%.2f", celsius);
            }
        };
    }

    static Reading parse(String line) {
        String[] f = line.split(",");
        if (f.length != 3) {
            throw new IllegalArgumentException("expected sensor,time,celsius but got " + f.length + " field(s)");
        }
        return new Reading(f[0], Instant.parse(f[1]), Double.parseDouble(f[2]));
    }

    static String describe(WindowResult<String, Double> r) {
        return String.format(Locale.ROOT, "  %s  %-6s  %6.2f °C", r.start(), r.key(), r.value());
    }
}
