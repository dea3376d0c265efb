package dev.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's {@code sluice} in a real shell pipe, as scripts use it: {@code printf ... |
 * sluice run p.yaml | cat > out}. Standard output carries only what the pipeline writes, so the
 * next command in the pipe reads clean JSON lines; the command's status is on standard error.
 */
class ShellPipeTest {
    @TempDir
    Path dir;

    /** The launcher of the distribution that sluice-cli packaged before this module's tests. */
    private static Path launcher() throws IOException {
        try (Stream<Path> dists = Files.list(Path.of("..", "sluice-cli", "target"))) {
            Path dist = dists.filter(p -> Files.isDirectory(p.resolve(p.getFileName()).resolve("bin")))
                    .findFirst().orElseThrow(() -> new AssertionError("no distribution under sluice-cli/target"));
            return dist.resolve(dist.getFileName()).resolve("bin").resolve("sluice").toAbsolutePath();
        }
    }

    @Test
    void stdinThroughExpressionsToStdout_inAShellPipe() throws Exception {
        Files.writeString(dir.resolve("p.yaml"), """
                nodes:
                  - {name: in, type: stdin}
                  - {name: parse, type: csv.parse, on_error: {dead_letter_file: rejected.tsv}}
                  - {name: typed, type: map, options: {set: {born: int(row.born)}}}
                  - {name: modern, type: filter, options: {expression: row.born >= 1900}}
                  - {name: out, type: stdout}
                """);
        ProcessBuilder shell = new ProcessBuilder("bash", "-c",
                "printf 'name,born\\nAda,1815\\nGrace,1906\\nbroken\\nMargaret,1936\\n' | \"$SLUICE\" run p.yaml"
                        + " 2> status.txt | cat > out.jsonl; echo \"${PIPESTATUS[@]}\" > codes.txt")
                .directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("shell.txt").toFile());
        shell.environment().put("SLUICE", launcher().toString());
        shell.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = shell.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the pipe did not end");
        String status = Files.readString(dir.resolve("status.txt"), StandardCharsets.UTF_8);
        assertEquals("0 0 0", Files.readString(dir.resolve("codes.txt")).strip(), status);
        assertEquals("{\"name\":\"Grace\",\"born\":1906}\n{\"name\":\"Margaret\",\"born\":1936}\n",
                Files.readString(dir.resolve("out.jsonl"), StandardCharsets.UTF_8), "only the pipeline's rows: " + status);
        assertTrue(status.contains("pipeline completed"), status);
        assertTrue(Files.readString(dir.resolve("rejected.tsv")).startsWith("parse\tstdin:4: expected 2 fields"),
                Files.readString(dir.resolve("rejected.tsv")));
    }

    @Test
    void aLine_comesOutWhileTheInputIsStillOpen() throws Exception {
        Files.writeString(dir.resolve("echo.yaml"), """
                nodes:
                  - {name: in, type: stdin}
                  - {name: shout, type: map, options: {expression: '{"said": item.upperAscii()}'}}
                  - {name: out, type: stdout}
                """);
        ProcessBuilder b = new ProcessBuilder(launcher().toString(), "run", "echo.yaml").directory(dir.toFile())
                .redirectError(dir.resolve("status.txt").toFile());
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = b.start();
        try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                var in = p.outputWriter(StandardCharsets.UTF_8)) {
            in.write("hello\n");
            in.flush();
            // read before the input ends: a sink that waited for 64 KB or the end would block here
            assertEquals("{\"said\":\"HELLO\"}", out.readLine());
            in.write("again\n");
            in.close();
            assertEquals("{\"said\":\"AGAIN\"}", out.readLine());
            assertEquals(null, out.readLine());
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), Files.readString(dir.resolve("status.txt")));
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void theCookbooksStdinRecipe_asItsCommentSaysToRunIt() throws Exception {
        for (String f : List.of("stdin-to-stdout.yaml", "people.csv")) {
            Files.copy(Path.of("cookbook", f), dir.resolve(f));
        }
        ProcessBuilder shell = new ProcessBuilder("bash", "-c",
                "cat people.csv | \"$SLUICE\" run stdin-to-stdout.yaml 2> status.txt > out.jsonl")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(dir.resolve("shell.txt").toFile());
        shell.environment().put("SLUICE", launcher().toString());
        shell.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = shell.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the pipe did not end");
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("status.txt")));
        assertEquals(List.of("{\"name\":\"Grace Hopper\",\"city\":\"New York\",\"born\":1906}",
                "{\"name\":\"Hamilton, Margaret\",\"city\":\"Paoli\",\"born\":1936}"),
                Files.readAllLines(dir.resolve("out.jsonl")));
    }

    /** Issue 26's case: a 50 MB line used to end in OutOfMemoryError in a 64 MB heap, dead-letter policy or not. */
    @Test
    void aFiftyMegabyteLine_inA64MegabyteHeap_isDeadLettered_andTheFileReadsOn() throws Exception {
        Path data = dir.resolve("events.jsonl");
        try (var out = Files.newOutputStream(data)) {
            out.write("{\"id\": 1}\n{\"blob\": \"".getBytes(StandardCharsets.UTF_8));
            byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write("\"}\n{\"id\": 3}\n".getBytes(StandardCharsets.UTF_8));
        }
        Files.writeString(dir.resolve("p.yaml"), """
                nodes:
                  - {name: read, type: files.read, options: {file: events.jsonl}, on_error: {dead_letter_file: rejected.tsv}}
                  - {name: parse, type: json.decode}
                  - {name: out, type: stdout}
                """);
        ProcessBuilder b = new ProcessBuilder(launcher().toString(), "run", "p.yaml").directory(dir.toFile())
                .redirectError(dir.resolve("status.txt").toFile()).redirectOutput(dir.resolve("out.jsonl").toFile());
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        b.environment().put("SLUICE_JAVA_OPTS", "-Xmx64m");
        Process p = b.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running");
        String status = Files.readString(dir.resolve("status.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), status);
        assertEquals("{\"id\":1}\n{\"id\":3}\n", Files.readString(dir.resolve("out.jsonl"), StandardCharsets.UTF_8));
        String rejected = Files.readString(dir.resolve("rejected.tsv"), StandardCharsets.UTF_8);
        assertTrue(rejected.startsWith("read\t" + data + ":2: a line of 52428812 bytes, longer than 1048576"
                + " (the node's max-line): skipped\t{\"blob\": \"xxx"), rejected.substring(0, Math.min(300, rejected.length())));
        assertTrue(rejected.length() < 1000, "the dead letter keeps the line's start, not the line");
    }
}
