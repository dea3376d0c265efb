package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sluice streams} against a real log directory. */
class StreamsCommandTest {
    @TempDir
    Path dir;

    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();

    int sluice(String... args) {
        out.reset();
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--dir";
        all[args.length + 1] = dir.toString();
        return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void appendLsInfoTailDrop() {
        assertEquals(0, sluice("streams", "append", "orders", "one", "two", "three"));
        assertEquals("1\n2\n3\n", out());
        assertEquals(0, sluice("streams", "ls"));
        assertTrue(out().lines().anyMatch(l -> l.matches("orders\\s+3\\s+11\\s+.*")), out());
        assertEquals(0, sluice("streams", "info", "orders"));
        assertTrue(out().contains("records:    3 (positions 1 to 3)"), out());
        assertEquals(0, sluice("streams", "tail", "orders", "-n", "2"));
        assertTrue(out().matches("2\\t\\S+\\ttwo\\n3\\t\\S+\\tthree\\n"), out());
        assertEquals(0, sluice("streams", "drop", "orders"));
        assertEquals(2, sluice("streams", "info", "orders"));
        assertEquals(2, sluice("streams", "lss"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown streams command 'lss' (did you mean 'ls'?)"));
    }

    @Test
    void readingCommands_whereThereIsNoLog_sayNoLog_andMakeNone() {
        Path typo = dir.resolve("sluice-lgo");
        for (String[] command : new String[][] {{"ls"}, {"info", "orders"}, {"tail", "orders"}, {"drop", "orders"}}) {
            err.reset();
            String[] args = new String[command.length + 3];
            args[0] = "streams";
            System.arraycopy(command, 0, args, 1, command.length);
            args[command.length + 1] = "--dir";
            args[command.length + 2] = typo.toString();
            assertEquals(2, Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8)), String.join(" ", command));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("no log in " + typo), err::toString);
        }
        assertFalse(java.nio.file.Files.exists(typo), "a reading command made a log directory");
        assertEquals(0, sluice("streams", "append", "orders", "one")); // append makes the log
        assertEquals(0, sluice("streams", "ls"));
    }
}
