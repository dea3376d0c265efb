package dev.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Runs every example's main and checks what it prints. */
class ExamplesTest {
    interface Main {
        void run() throws Exception;
    }

    static String run(Main main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8).replace("\r", "");
    }

    @Test
    void streamz() throws Exception {
        assertEquals("1\n3\n6\n[1, 3, 6]\n", run(() -> StreamzExample.main(new String[0])));
    }

    @Test
    void nanostream() throws Exception {
        assertEquals("true\ntrue\ntrue\n", run(() -> NanostreamExample.main(new String[0])));
    }

    @Test
    void snapstream() throws Exception {
        assertEquals("Hello 0\nHello 1\nHello 2\nHello 3\nHello 4\n", run(() -> SnapstreamExample.main(new String[0])));
    }

    @Test
    void minibatch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        assertEquals("[{\"n\": 0}, {\"n\": 1}]\n[{\"n\": 2}, {\"n\": 3}]\n[{\"n\": 4}, {\"n\": 5}]\nlag of myprocess: 0\n",
                run(() -> MinibatchExample.main(new String[] {dir.toString()})));
    }

    @Test
    void demo_averagesEverySensor_andDeadLettersTheBadLines() throws Exception {
        String out = run(() -> Demo.main(new String[] {"30000"}));
        // 30,000 lines = 10,000 seconds of data: hours 0, 1 and 2 for 3 sensors
        assertEquals(3 * 3, out.lines().filter(l -> l.matches("  2026-11-27T\\d\\d:00:00Z  \\w+\\s+-?\\d+\\.\\d\\d °C")).count(), out);
        assertTrue(out.contains("  2026-11-27T00:00:00Z  boiler   70."), out);
        assertTrue(out.contains("0 malformed lines went to the dead-letter list"), out);
        assertTrue(out.contains("pipeline completed"), out);
        assertTrue(out.contains("flowchart LR"), out);
    }

    @Test
    void demo_badLinesReachTheDeadLetterList() throws Exception {
        String out = run(() -> Demo.main(new String[] {"100000"}));
        assertTrue(out.contains("2 malformed lines went to the dead-letter list"), out);
        assertTrue(out.contains("node 'parse' gave up on garbage line 49999 after 1 attempt(s)"), out);
    }
}
