package dev.sluice.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Pipeline files written by tests, and the files their sinks write. */
final class TestFiles {
    private TestFiles() {}

    /** Writes {@code yaml} to {@code dir/p.yaml} and loads it, {@code ${NAME}} taken from {@code env}. */
    static PipelineFile load(Path dir, String yaml, Map<String, String> env) throws Exception {
        Path f = dir.resolve("p.yaml");
        Files.writeString(f, yaml);
        return PipelineFile.load(f, env::get);
    }

    /** The number of lines in {@code file}, 0 before it exists. */
    static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
    }
}
