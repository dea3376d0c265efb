package dev.sluice.cli;

import dev.sluice.yaml.PipelineFile;

import dev.sluice.Pipeline;
import dev.sluice.PipelineState;
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

    /**
     * Runs a pipeline whose source never ends until {@code done} holds (a minute at most), then
     * stops it gracefully and checks that it completed.
     */
    static void runUntil(Pipeline p, java.util.function.BooleanSupplier done) throws Exception {
        p.start();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        while (!done.getAsBoolean()) {
            org.junit.jupiter.api.Assertions.assertTrue(System.nanoTime() < deadline, Render.table(p.snapshot()));
            java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
        }
        p.stop();
        p.await();
        org.junit.jupiter.api.Assertions.assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
    }

    /** The number of lines in {@code file}, 0 before it exists. */
    static long lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8).size() : 0;
    }
}
