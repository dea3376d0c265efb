package dev.sluice.benchmarks;

import dev.sluice.Pipe;
import dev.sluice.Pipeline;
import dev.sluice.Row;
import dev.sluice.Sluice;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.NodeType;
import dev.sluice.nodetype.OperatorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.atomic.LongAdder;

/**
 * What CEL expressions cost against the same logic written in Java: 1,000,000 rows of four fields
 * through a {@code map} that computes a field ({@code double(row.temp) * 1.8 + 32.0}) and a
 * {@code filter} on two fields, as a pipeline file's node types build them, against a
 * {@code map} and {@code filter} of Java lambdas doing the same. The source, the rows and the
 * counting sink are the same on both sides. After one untimed run of each, five runs each, in
 * turn, and the median.
 */
final class ExpressionOverhead {
    private ExpressionOverhead() {}

    static final int ROWS = 1_000_000;
    static final int RUNS = 5;

    static List<Compare.Result> compare() throws Exception {
        List<Row> templates = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Row r = new Row();
            r.put("id", i);
            r.put("site", i % 3 == 0 ? "x" : "y");
            r.put("temp", i % 50);
            r.put("name", "sensor-" + i);
            templates.add(r);
        }
        run(templates, true);
        run(templates, false);
        List<Double> cel = new ArrayList<>();
        List<Double> java = new ArrayList<>();
        for (int r = 0; r < RUNS; r++) {
            cel.add(run(templates, true));
            java.add(run(templates, false));
            System.out.printf(Locale.ROOT, "expressions run %d, rows/s: CEL %.0f, Java %.0f%n", r + 1, cel.getLast(),
                    java.getLast());
        }
        double ratio = ConsumeThroughput.median(cel) / ConsumeThroughput.median(java);
        return List.of(new Compare.Result("map + filter, CEL expressions vs the same in Java lambdas",
                ConsumeThroughput.median(cel), ConsumeThroughput.median(java), "rows/s", true, ">= 0.5", ratio >= 0.5));
    }

    /** Rows per second from start to completion. */
    private static double run(List<Row> templates, boolean expressions) throws Exception {
        LongAdder kept = new LongAdder();
        long started = System.nanoTime();
        try (Pipeline p = Sluice.pipeline().name(expressions ? "cel" : "java").build()) {
            Pipe<Object> rows = p.generate("rows", (ctx, out) -> {
                for (int i = 0; i < ROWS; i++) {
                    out.emit(templates.get(i % templates.size()));
                }
            });
            Pipe<?> filtered;
            if (expressions) {
                Pipe<?> mapped = operator("map").create(rows, NodeOptions.of("map",
                        Map.of("set", Map.of("temp_f", "double(row.temp) * 1.8 + 32.0"), "remove", List.of())));
                @SuppressWarnings("unchecked")
                Pipe<Object> input = (Pipe<Object>) mapped;
                filtered = operator("filter").create(input, NodeOptions.of("filter",
                        Map.of("expression", "row.temp_f > 100.0 && row.site == 'x'", "strict", false)));
            } else {
                filtered = rows.map(item -> {
                    Row in = (Row) item;
                    Row out = new Row();
                    out.putAll(in);
                    out.put("temp_f", ((Number) in.get("temp")).doubleValue() * 1.8 + 32.0);
                    return out;
                }).filter(r -> (Double) r.get("temp_f") > 100.0 && "x".equals(r.get("site")));
            }
            filtered.sink(x -> kept.increment());
            p.start();
            p.await();
        }
        double rate = ROWS * 1e9 / (System.nanoTime() - started);
        long expected = ROWS / templates.size() * templates.stream()
                .filter(r -> ((Integer) r.get("temp")) * 1.8 + 32.0 > 100.0 && r.get("site").equals("x")).count();
        if (kept.sum() != expected) { // both sides must do the same work
            throw new IllegalStateException((expressions ? "CEL" : "Java") + " kept " + kept.sum() + " rows, not " + expected);
        }
        return rate;
    }

    private static OperatorType operator(String name) {
        for (NodeType t : ServiceLoader.load(NodeType.class)) {
            if (t.name().equals(name) && t instanceof OperatorType o) {
                return o;
            }
        }
        throw new IllegalStateException("no node type " + name + ": sluice-yaml and sluice-cel belong on the class path");
    }
}
