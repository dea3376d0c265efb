package dev.sluice.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.time.VirtualClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The minibatch README and the omega|ml streams guide, on the embedded log. */
class SeedExamplesLogTest {
    @TempDir
    Path dir;

    final VirtualClock clock = new VirtualClock(Instant.parse("2018-04-30T20:18:22Z"));

    StreamLog open() {
        return StreamLog.open(dir, StreamLog.Options.defaults().withClock(clock));
    }

    /** minibatch: a producer appends dates every 0.5 s; a consumer with size=2 prints pairs. */
    @Test
    void minibatch_countWindowOfTwo() throws Exception {
        try (StreamLog log = open()) {
            LogStream stream = log.stream("test"); // Stream.get_or_create('test')
            for (int i = 0; i < 6; i++) {
                stream.append("{\"date\": \"" + clock.instant() + "\"}");
                clock.advance(Duration.ofMillis(500));
            }
            List<List<String>> printed = new ArrayList<>();
            GroupConsumer consumer = stream.consumer("myprocess", WindowStrategy.count(2));
            while (consumer.runOnce(window -> printed.add(window.texts()))) {
                // one window of two per call, as minibatch emits them
            }
            assertEquals(List.of(
                    List.of("{\"date\": \"2018-04-30T20:18:22Z\"}", "{\"date\": \"2018-04-30T20:18:22.500Z\"}"),
                    List.of("{\"date\": \"2018-04-30T20:18:23Z\"}", "{\"date\": \"2018-04-30T20:18:23.500Z\"}"),
                    List.of("{\"date\": \"2018-04-30T20:18:24Z\"}", "{\"date\": \"2018-04-30T20:18:24.500Z\"}")),
                    printed);
            assertEquals(0, consumer.lag());
        }
    }

    /** minibatch's custom emitter: sort by value, emit only multiples of 2, in batches of interval. */
    static final class SortedWindow implements WindowStrategy {
        final int interval;

        SortedWindow(int interval) {
            this.interval = interval;
        }

        static int value(LogRecord r) {
            return Integer.parseInt(r.text());
        }

        @Override
        public Optional<Window> ready(List<LogRecord> pending, Instant now) {
            List<LogRecord> data = new ArrayList<>();
            for (LogRecord r : pending.stream().sorted(Comparator.comparingInt(SortedWindow::value)).toList()) {
                if (value(r) % 2 == 0) {
                    data.add(r);
                    if (data.size() >= interval) {
                        break;
                    }
                }
            }
            return data.size() == interval ? Optional.of(Window.of(data)) : Optional.empty();
        }
    }

    @Test
    void minibatch_sortedWindow_customStrategy() throws Exception {
        try (StreamLog log = open()) {
            LogStream stream = log.stream("values");
            for (int v : new int[] {7, 4, 1, 8, 2, 9, 6, 3, 10}) {
                stream.append(Integer.toString(v));
            }
            GroupConsumer consumer = stream.consumer("sorted", new SortedWindow(2));
            List<List<String>> windows = new ArrayList<>();
            while (consumer.runOnce(w -> windows.add(w.texts()))) {
                // drain what is ready
            }
            assertEquals(List.of(List.of("2", "4"), List.of("6", "8")), windows);
            List<LogStream.Buffered> buffer = stream.buffer("sorted", 100);
            assertEquals(List.of("7", "1", "9", "3", "10"),
                    buffer.stream().filter(b -> !b.processed()).map(b -> b.record().text()).toList(),
                    "odd values stay unprocessed, and 10 waits for a partner");
        }
    }

    /** omega|ml: get, append, buffer with the processed flag, then a consumer. */
    @Test
    void omegaml_appendBufferConsume() throws Exception {
        try (StreamLog log = open()) {
            LogStream stream = log.stream("mystream"); // om.streams.get('mystream')
            stream.append("{\"foo\": \"bar\"}");
            StreamInfo meta = log.info("mystream").orElseThrow(); // om.streams.metadata('mystream')
            assertEquals("mystream", meta.name());
            assertEquals(clock.instant(), meta.created());

            List<LogStream.Buffered> buffer = stream.buffer("consumer", 10);
            assertEquals(1, buffer.size());
            assertFalse(buffer.get(0).processed());

            List<String> seen = new ArrayList<>();
            GroupConsumer consumer = stream.consumer("consumer", WindowStrategy.count(1));
            assertTrue(consumer.runOnce(w -> seen.addAll(w.texts()))); // blocking=False: one window
            assertFalse(consumer.runOnce(w -> seen.addAll(w.texts())), "nothing more is ready");
            assertEquals(List.of("{\"foo\": \"bar\"}"), seen);
            assertTrue(stream.buffer("consumer", 10).get(0).processed());
            StreamInfo after = log.info("mystream").orElseThrow();
            assertEquals(1, after.groups().size());
            assertEquals(0, after.lag("consumer"));
            assertEquals(1, after.lag("someone-else"));
            assertEquals(0, stream.lag("consumer"));
            assertEquals(1, stream.lag("someone-else"));
            assertEquals(Retention.keepAll(), after.retention());
        }
    }

    @Test
    void omegaml_fixedTimeWindows_alignedToAbsoluteTime_withEmptyWindows() throws Exception {
        try (StreamLog log = open()) {
            LogStream stream = log.stream("ticks");
            GroupConsumer consumer = stream.consumer("fixed", WindowStrategy.tumbling(Duration.ofSeconds(2), true));
            List<String> windows = new ArrayList<>();
            GroupConsumer.WindowFunction record = w -> windows.add(w.start().toString().substring(11) + "-"
                    + w.end().toString().substring(11) + " " + w.texts());
            clock.advance(Duration.ofMillis(500)); // 20:18:22.5
            stream.append("a");
            clock.advance(Duration.ofSeconds(1)); // 23.5
            stream.append("b");
            assertFalse(consumer.runOnce(record), "window [22, 24) is not over");
            clock.advance(Duration.ofSeconds(1)); // 24.5
            stream.append("c");
            assertTrue(consumer.runOnce(record));
            assertFalse(consumer.runOnce(record));
            clock.advance(Duration.ofSeconds(4)); // 28.5: [24,26) holds c, [26,28) is empty
            assertTrue(consumer.runOnce(record));
            assertTrue(consumer.runOnce(record));
            assertFalse(consumer.runOnce(record));
            assertEquals(List.of("20:18:22Z-20:18:24Z [a, b]", "20:18:24Z-20:18:26Z [c]", "20:18:26Z-20:18:28Z []"),
                    windows);
        }
    }

    @Test
    void omegaml_relaxedTimeWindows_takeEverythingSinceTheLastWindow() throws Exception {
        try (StreamLog log = open()) {
            LogStream stream = log.stream("relaxed");
            GroupConsumer consumer = stream.consumer("r", WindowStrategy.relaxedTime(Duration.ofSeconds(2)));
            List<List<String>> windows = new ArrayList<>();
            assertFalse(consumer.runOnce(w -> windows.add(w.texts())));
            stream.append("a");
            clock.advance(Duration.ofSeconds(1));
            stream.append("b");
            assertFalse(consumer.runOnce(w -> windows.add(w.texts())));
            clock.advance(Duration.ofSeconds(1));
            assertTrue(consumer.runOnce(w -> windows.add(w.texts())));
            stream.append("c");
            clock.advance(Duration.ofSeconds(2));
            assertTrue(consumer.runOnce(w -> windows.add(w.texts())));
            assertEquals(List.of(List.of("a", "b"), List.of("c")), windows);
        }
    }
}
