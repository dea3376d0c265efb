package dev.sluice.log;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.time.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention rules, applied on demand and by the periodic housekeeping, on a virtual clock. */
class RetentionTest {
    @TempDir
    Path dir;

    final VirtualClock clock = new VirtualClock();

    StreamLog open() {
        return StreamLog.open(dir, StreamLog.Options.defaults().withClock(clock).withHousekeepEvery(Duration.ofMinutes(1)));
    }

    static List<String> texts(LogStream s) {
        return s.read(1, 100).stream().map(LogRecord::text).toList();
    }

    void consume(LogStream s, String group, int n) throws InterruptedException {
        s.consumer(group, WindowStrategy.count(n)).runOnce(w -> {});
    }

    @Test
    void keepAll_isTheDefault() throws Exception {
        try (StreamLog log = open()) {
            LogStream s = log.stream("s");
            s.append("a");
            consume(s, "g", 1);
            assertEquals(0, s.housekeep());
            assertEquals(List.of("a"), texts(s));
        }
    }

    @Test
    void dropProcessed_keepsWhatTheSlowestGroupStillNeeds() throws Exception {
        try (StreamLog log = open()) {
            LogStream s = log.stream("s").retention(Retention.dropWhenProcessed());
            for (String t : List.of("a", "b", "c", "d")) {
                s.append(t);
            }
            consume(s, "fast", 3);
            consume(s, "slow", 1);
            assertEquals(1, s.housekeep());
            assertEquals(List.of("b", "c", "d"), texts(s));
        }
    }

    @Test
    void maxBytes_neverDeletesUnprocessedRecords() throws Exception {
        try (StreamLog log = open()) {
            LogStream s = log.stream("s").retention(Retention.keepAll().withMaxBytes(2));
            for (String t : List.of("a", "b", "c", "d")) {
                s.append(t);
            }
            consume(s, "g", 1);
            assertEquals(1, s.housekeep(), "only 'a' is processed");
            consume(s, "g", 2);
            assertEquals(1, s.housekeep(), "'b' goes; 'c' is processed but within the 2 bytes kept");
            assertEquals(List.of("c", "d"), texts(s));
        }
    }

    @Test
    void maxAge_deletesOldRecordsEvenUnprocessed_onTheHousekeepingTimer() throws Exception {
        try (StreamLog log = open()) {
            LogStream s = log.stream("s").retention(Retention.keepAll().withMaxAge(Duration.ofMinutes(5)));
            s.append("old");
            clock.advance(Duration.ofMinutes(4));
            s.append("new");
            consume(s, "g", 1);
            clock.advance(Duration.ofMinutes(2)); // housekeeping ran at 1..6 min; at 6 'old' is 6 min old
            assertEquals(List.of("new"), texts(s));
            assertEquals(2, s.info().firstPosition());
        }
    }

    @Test
    void retention_isStoredInTheLog() throws Exception {
        try (StreamLog log = open()) {
            log.stream("s").retention(Retention.dropWhenProcessed().withMaxAge(Duration.ofDays(7)));
        }
        try (StreamLog log = open()) {
            var storage = ((DefaultStreamLog) log).storage;
            assertEquals(new Retention(true, Duration.ofDays(7), 0), storage.retention("s"));
        }
    }
}
