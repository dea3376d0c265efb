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
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
                Writer in = child.outputWriter(StandardCharsets.UTF_8)) {
            readUntil(out, "holding");
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).inheritIO().start();
            assertEquals(0, kill.waitFor());
            readUntil(out, "stopping: draining the items in flight");
            in.write("go\n");
            in.flush();
            String rest = out.lines().collect(Collectors.joining("\n"));
            assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child did not exit");
            assertEquals(130, child.exitValue(), "a JVM ended by SIGINT exits with 128 + 2");
            assertTrue(rest.contains("write"), "the final status table: " + rest);
        } finally {
            child.destroyForcibly().waitFor();
        }
        List<String> written = Files.readAllLines(dir.resolve("out.txt"));
        // read had filled hold's queue of 1024 behind the held item before it was stopped
        assertTrue(written.size() > 1024 && written.size() < total, "written: " + written.size());
        assertEquals(input.subList(0, written.size()), written);
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
