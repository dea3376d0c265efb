package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sluice run} in a child JVM, interrupted with SIGINT (Ctrl-C) while a thousand items wait
 * in a queue: the source stops, every item already read reaches the sink, and the final table
 * is printed. No sleeps: the child says when it holds items and when it is draining.
 */
class RunDrainTest {
    @TempDir
    Path dir;

    String finalTable = "";

    /** A number from the final status table: the row of {@code node}, the column at {@code index}. */
    static long column(String table, String node, int index) {
        return table.lines().map(l -> l.trim().split("\\s+")).filter(cols -> cols[0].equals(node))
                .mapToLong(cols -> Long.parseLong(cols[index])).reduce((a, b) -> b).orElseThrow();
    }

    @Test
    void ctrlC_drainsEveryItemInFlight() throws Exception {
        int total = 200_000;
        List<String> input = IntStream.range(0, total).mapToObj(i -> "line-" + i).toList();
        Files.write(dir.resolve("big.txt"), input);
        Path pipeline = dir.resolve("p.yaml");
        Files.writeString(pipeline, """
                nodes:
                  - {name: read, type: files.read, options: {file: big.txt}}
                  - {name: hold, type: test.hold, queue: 1024}
                  - {name: write, type: files.write, options: {file: out.txt}}
                """);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", pipeline.toString())
                .redirectErrorStream(true).start(); // the command's status is on stderr, the pipeline's output on stdout
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                Writer in = child.outputWriter(StandardCharsets.UTF_8)) {
            readUntil(out, "holding");
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            readUntil(out, "stopping: draining the items in flight");
            in.write("go\n");
            in.flush();
            String rest = out.lines().collect(Collectors.joining("\n"));
            finalTable = rest;
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit");
            assertEquals(130, child.exitValue(), "a JVM ended by SIGINT exits with 128 + 2");
            assertTrue(rest.contains("write"), "the final status table: " + rest);
        } finally {
            child.destroyForcibly().waitFor();
        }
        List<String> written = Files.readAllLines(dir.resolve("out.txt"));
        // every line read before the stop was written, in order; what read emitted is in the final table
        assertTrue(written.size() > 1 && written.size() < total, "written: " + written.size());
        assertEquals(input.subList(0, written.size()), written);
        assertEquals(written.size(), column(finalTable, "read", 3), "read's out: " + finalTable);
        assertEquals(written.size(), column(finalTable, "write", 2), "write's in: " + finalTable);
    }

    private static void readUntil(BufferedReader out, String expected) throws Exception {
        for (String line = out.readLine(); ; line = out.readLine()) {
            if (line == null) {
                throw new AssertionError("the child ended before printing '" + expected + "'");
            }
            if (line.equals(expected)) {
                return;
            }
        }
    }
}
