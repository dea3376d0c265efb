package dev.sluice.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Cold start: the wall time of a whole process that runs a small pipeline (read 1,000 CSV rows,
 * parse them, keep the adults, print them) with {@code sluice run} (the distribution's launcher)
 * and as a Flink job on a local MiniCluster ({@link FlinkColdStart}). Each is run once untimed
 * (so the operating system has the files cached for both), then three times; the median counts.
 * Both must print the same rows.
 */
public final class ColdStart {
    private ColdStart() {}

    /** Runs this comparison alone: {@code java -Dsluice.launcher=... -Dflink.classpath=... ColdStart}. */
    public static void main(String[] args) throws Exception {
        System.out.print(Compare.table(compare(System.getProperty("sluice.launcher"), System.getProperty("flink.classpath"))));
    }

    static List<Compare.Result> compare(String launcher, String flinkClasspath) throws Exception {
        if (launcher == null || flinkClasspath == null) {
            throw new IllegalArgumentException("set -Dsluice.launcher and -Dflink.classpath (bin/bench does)");
        }
        Path dir = Files.createTempDirectory("sluice-coldstart");
        Path csv = dir.resolve("people.csv");
        StringBuilder rows = new StringBuilder("name,city,age\n");
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            rows.append("p").append(i).append(",c").append(i % 10).append(',').append(1 + random.nextInt(90)).append('\n');
        }
        Files.writeString(csv, rows);
        Path yaml = dir.resolve("coldstart.yaml");
        Files.writeString(yaml, """
                nodes:
                  - {name: read, type: files.read, options: {file: people.csv}}
                  - {name: parse, type: csv.parse}
                  - {name: adults, type: filter, options: {field: age, op: ">=", value: "18"}}
                  - {name: show, type: print}
                """);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> sluice = List.of(launcher, "run", yaml.toString());
        List<String> flink = List.of(javaBin, "-cp", absolute(System.getProperty("java.class.path")) + java.io.File.pathSeparator
                + flinkClasspath, FlinkColdStart.class.getName(), csv.toString());
        double[] sluiceMs = time(sluice, dir);
        double[] flinkMs = time(flink, dir);
        List<String> sluiceRows = printedRows(sluice, dir);
        List<String> flinkRows = printedRows(flink, dir);
        if (!sluiceRows.equals(flinkRows) || sluiceRows.isEmpty()) {
            throw new IllegalStateException("the two pipelines disagree: Sluice printed " + sluiceRows.size()
                    + " rows, Flink " + flinkRows.size() + "; first ones: " + sluiceRows.stream().limit(2).toList()
                    + " and " + flinkRows.stream().limit(2).toList());
        }
        double s = median(sluiceMs);
        double f = median(flinkMs);
        return List.of(new Compare.Result("cold start of a small pipeline (1,000 CSV rows): sluice run vs Flink MiniCluster",
                s, f, "ms", false, "<= 0.33", s / f <= 1.0 / 3));
    }

    private static double[] time(List<String> command, Path dir) throws Exception {
        run(command, dir); // untimed: files into the page cache
        double[] ms = new double[3];
        for (int i = 0; i < ms.length; i++) {
            long start = System.nanoTime();
            run(command, dir);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        return ms;
    }

    private static Path run(List<String> command, Path dir) throws IOException, InterruptedException {
        Path out = dir.resolve("out.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile())
                .redirectError(dir.resolve("err.txt").toFile()).start();
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(command + " exited with " + code + ": " + Files.readString(dir.resolve("err.txt")));
        }
        return out;
    }

    /** The rows a pipeline printed, sorted: Flink's parallel sink may print them in another order. */
    private static List<String> printedRows(List<String> command, Path dir) throws Exception {
        try (var lines = Files.lines(run(command, dir))) {
            return lines.filter(l -> l.startsWith("{\"name\":")).sorted().toList();
        }
    }

    /** The class path with its entries made absolute, since the pipelines run in a directory of their own. */
    private static String absolute(String classPath) {
        return Arrays.stream(classPath.split(java.io.File.pathSeparator)).map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
