package dev.sluice.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.DeadLetter;
import dev.sluice.ErrorPolicy;
import dev.sluice.Pipeline;
import dev.sluice.PipelineException;
import dev.sluice.Sluice;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 26: a record whose headers are not in Sluice's format (another program wrote the database,
 * or it was damaged) stopped its consumer group with "corrupt headers", naming neither stream nor
 * position. Now it goes to the dead letter with its place, and reading goes on.
 */
class UnreadableHeadersTest {
    @TempDir
    Path dir;

    /** Three records; the second one's headers overwritten in the SQLite file, as another program would. */
    private void writeWithADamagedSecondRecord() throws Exception {
        try (StreamLog log = StreamLog.open(dir)) {
            for (String text : List.of("one", "two", "three")) {
                log.stream("events").append(new LogEntry(null, text.getBytes(), Map.of("origin", "web"),
                        java.time.Instant.now()));
            }
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.FILE));
                Statement s = c.createStatement()) {
            long id;
            try (ResultSet rs = s.executeQuery("SELECT id FROM streams WHERE name = 'events'")) {
                assertTrue(rs.next());
                id = rs.getLong(1);
            }
            assertEquals(1, s.executeUpdate("UPDATE records_" + id + " SET headers = X'7FFFFFFF0001' WHERE pos = 2"));
        }
    }

    @Test
    void aGroupConsumer_deadLettersTheRecordWithItsPlace_andGoesOn() throws Exception {
        writeWithADamagedSecondRecord();
        try (StreamLog log = StreamLog.open(dir)) {
            List<String> done = new ArrayList<>();
            GroupConsumer consumer = log.stream("events").consumer("g", WindowStrategy.count(1));
            while (consumer.runOnce(w -> done.addAll(w.texts()))) {
                // drain
            }
            assertEquals(List.of("one", "three"), done);
            List<LogRecord> dead = log.stream("events.dead-letter").read(1, 10);
            assertEquals(1, dead.size());
            assertEquals("two", dead.get(0).text());
            assertTrue(dead.get(0).headers().get("sluice.error").startsWith(
                    "stream events, position 2: the headers are not in Sluice's format"), dead.get(0).headers().toString());
            assertEquals(0, consumer.lag());
            assertEquals(3, log.stream("events").read(1, 10).size(), "reading the stream does not fail either");
        }
    }

    @Test
    void logRead_handsTheRecordToItsOnError_namingStreamAndPosition() throws Exception {
        writeWithADamagedSecondRecord();
        try (StreamLog log = StreamLog.open(dir)) {
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            List<DeadLetter> dead = Collections.synchronizedList(new ArrayList<>());
            Pipeline p = Sluice.pipeline().build();
            p.generate("read", log.stream("events").source("g")).errorPolicy(ErrorPolicy.deadLetter(dead::add))
                    .sink(r -> {
                        out.add(r.text());
                        if (out.size() == 2) {
                            p.stop();
                        }
                    });
            p.start();
            p.await();
            assertEquals(List.of("one", "three"), out);
            assertEquals(1, dead.size());
            assertTrue(dead.get(0).reason().startsWith("stream events, position 2: the headers are not in Sluice's format"),
                    dead.get(0).reason());

            writeAgainAndFail(log);
        }
    }

    /** Under the default fail policy the pipeline stops with that one line. */
    private void writeAgainAndFail(StreamLog log) throws Exception {
        Pipeline p = Sluice.pipeline().build();
        p.generate("read", log.stream("events").source("other")).sink(r -> {});
        p.start();
        PipelineException e = org.junit.jupiter.api.Assertions.assertThrows(PipelineException.class, p::await);
        assertTrue(e.getMessage().contains("stream events, position 2: the headers are not in Sluice's format"),
                e.getMessage());
    }
}
