package dev.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution's jars on the module path, as a modular application would use them: the
 * module descriptors resolve (every {@code requires} is there, no package is split), the node
 * types, dead-letter destinations and the log's backends are found through their {@code provides}
 * clauses, and a pipeline file validates and runs. The other tests run on the class path.
 *
 * <p>CEL is the exception: its jars split packages between them, so they and {@code sluice-cel}
 * go on the class path beside the modules, as docs/architecture.md says a modular application
 * puts them, and the expression language is found from there.
 */
class ModulePathTest {
    @TempDir
    Path dir;

    /** The lib directory of the distribution that sluice-cli packaged before this module's tests. */
    private static Path lib() throws IOException {
        try (Stream<Path> dists = Files.list(Path.of("..", "sluice-cli", "target"))) {
            Path dist = dists.filter(p -> Files.isDirectory(p.resolve(p.getFileName()).resolve("lib"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no distribution under sluice-cli/target: package sluice-cli"));
            return dist.resolve(dist.getFileName()).resolve("lib").toAbsolutePath();
        }
    }

    /** CEL, sluice-cel and what only CEL uses: not modules (see the class comment). */
    private static final java.util.regex.Pattern CLASS_PATH = java.util.regex.Pattern.compile(
            "(sluice-cel|cel|common|compiler|runtime|protobuf|v1alpha1|protobuf-java|guava|failureaccess|listenablefuture"
                    + "|antlr4-runtime|re2j|threeten-extra|auto-value-annotations|jspecify|error_prone_annotations"
                    + "|j2objc-annotations)-[0-9].*\\.jar");

    private static String paths(boolean classPath) throws IOException {
        try (Stream<Path> jars = Files.list(lib())) {
            return String.join(java.io.File.pathSeparator, jars
                    .filter(j -> CLASS_PATH.matcher(j.getFileName().toString()).matches() == classPath)
                    .map(Path::toString).sorted().toList());
        }
    }

    private List<String> sluice(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--module-path", paths(false), "--class-path", paths(true), "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "--module", "dev.sluice.cli/dev.sluice.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "still running: " + command);
        List<String> out = Files.readAllLines(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), String.join("\n", out));
        return out;
    }

    @Test
    void theCommand_validatesAndRunsAPipelineFile_onTheModulePath() throws Exception {
        Files.writeString(dir.resolve("people.csv"), "name,born\nAda,1815\nGrace,1906\n");
        Files.writeString(dir.resolve("p.yaml"), """
                checkpoints: {interval: 10ms, directory: log}
                nodes:
                  - {name: read, type: files.read, options: {file: people.csv}}
                  - {name: parse, type: csv.parse}
                  - {name: modern, type: filter, options: {expression: "int(row.born) > 1900 || row.name == 'Ada'"}}
                  - {name: encode, type: json.encode, options: {key: name}}
                  - {name: keep, type: log.append, options: {stream: people, directory: log}}
                """);
        assertEquals(List.of("p.yaml: ok, pipeline 'p' with 5 nodes and 4 edges",
                "delivery: at least once, state checkpointed: read (files.read) keep no position or may lose items"),
                sluice("validate", "p.yaml"));
        List<String> run = sluice("run", "p.yaml");
        assertTrue(run.stream().anyMatch(l -> l.startsWith("pipeline completed")), String.join("\n", run));
        assertTrue(run.stream().anyMatch(l -> l.contains("no checkpoint yet")), "the log's checkpoint store was found");
        List<String> tail = sluice("streams", "tail", "people", "--dir", "log");
        assertTrue(tail.stream().anyMatch(l -> l.contains("{\"name\":\"Grace\",\"born\":\"1906\"}")), String.join("\n", tail));
        List<String> schema = sluice("schema");
        assertTrue(String.join("\n", schema).contains("\"const\": \"kafka.read\""), "every module's types were found");
        assertTrue(String.join("\n", schema).contains("\"const\": \"http.server\""), "sluice-http's types were found");
        Files.writeString(dir.resolve("h.yaml"), """
                nodes:
                  - {name: in, type: http.server, options: {address: "127.0.0.1:0", path: /in}}
                  - {name: who, type: http.lookup, options: {url: "http://127.0.0.1:9/users/{row.user}"}}
                  - {name: out, type: http.write, options: {url: "http://127.0.0.1:9/out", batch: 100}}
                edges: [in -> who, who -> out]
                """);
        assertEquals("h.yaml: ok, pipeline 'h' with 3 nodes and 2 edges",
                sluice("validate", "h.yaml").get(0), "a URL template's expression compiles on the module path");
    }
}
