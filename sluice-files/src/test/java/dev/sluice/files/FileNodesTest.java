package dev.sluice.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.DeadLetter;
import dev.sluice.ErrorPolicy;
import dev.sluice.Node;
import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** File nodes on real files in a temporary directory. */
class FileNodesTest {
    @TempDir
    Path dir;

    /**
     * nanostream's README pipeline: watch a directory for CSV files, read them when they appear,
     * iterate over the rows, print them.
     */
    @Test
    void nanostream_watchReadParsePrint() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data_directory"));
        List<CsvRow> rows = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch three = new CountDownLatch(3);
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try (Pipeline pipeline = Sluice.pipeline().name("nanostream").build()) {
            var watchdog = pipeline.generate("watchdog",
                    FileNodes.watch(data).glob("*.csv").pollInterval(Duration.ofMillis(50)).build());
            Node<Path, Line> fileReader = pipeline.node("file_reader", FileNodes.lines());
            Node<Line, CsvRow> csvReader = pipeline.node("csv_reader", Csv.parser().build());
            Node<CsvRow, CsvRow> printer = pipeline.node("printer", (CsvRow row, dev.sluice.Emitter<CsvRow> out) -> {
                System.out.println(row);
                out.emit(row);
            });
            watchdog.to(fileReader).to(csvReader).to(printer).sink(row -> {
                rows.add(row);
                three.countDown();
            });
            pipeline.start();

            Files.writeString(data.resolve("ignored.txt"), "not,csv\n1,2\n");
            Path tmp = dir.resolve("people.tmp");
            Files.writeString(tmp, "name,city\nAda,London\nGrace,Arlington\n\"Hopper, G.\",\"New\nYork\"\n");
            Files.move(tmp, data.resolve("people.csv"), StandardCopyOption.ATOMIC_MOVE);
            three.await();
        } finally {
            System.setOut(original);
        }
        assertEquals(List.of("Ada", "Grace", "Hopper, G."), rows.stream().map(r -> (String) r.get("name")).toList());
        assertEquals("New\nYork", rows.get(2).get("city"));
        assertEquals(4, rows.get(2).line());
        assertTrue(printed.toString(StandardCharsets.UTF_8).startsWith("{\"name\":\"Ada\",\"city\":\"London\"}\n"), printed.toString());
    }

    @Test
    void watch_emitsExistingFilesOnce_andChangedFilesAgain() throws Exception {
        Files.writeString(dir.resolve("a.csv"), "x\n");
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch twice = new CountDownLatch(2);
        CountDownLatch thrice = new CountDownLatch(3);
        try (Pipeline p = Sluice.pipeline().build()) {
            p.generate("watch", FileNodes.watch(dir).pollInterval(Duration.ofMillis(30)).build())
                    .process((Path path, dev.sluice.Emitter<String> out) ->
                            out.emit(path.getFileName() + ":" + Files.readString(path).trim()))
                    .sink(s -> {
                        seen.add(s);
                        twice.countDown();
                        thrice.countDown();
                    });
            p.start();
            Files.writeString(dir.resolve("b.csv"), "y\n");
            twice.await();
            Files.writeString(dir.resolve("a.csv"), "x2\n");
            thrice.await();
        }
        assertEquals(List.of("a.csv:x", "b.csv:y", "a.csv:x2"), seen);
    }

    @Test
    void csv_badRowsGoToTheDeadLetters_withFileAndLine_andTheRestFlows() throws Exception {
        Path file = dir.resolve("readings.csv");
        Files.writeString(file, "sensor;celsius\nroof;4.5\ncellar\nboiler;hot\n\"attic\";21\n");
        List<CsvRow> rows = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        try (Pipeline p = Sluice.pipeline().build()) {
            p.fromIterable("files", List.of(file))
                    .process(FileNodes.lines())
                    .process(Csv.parser().delimiter(';').column("celsius", Double::parseDouble).build())
                    .named("csv").errorPolicy(ErrorPolicy.deadLetter(dead::add))
                    .sink(rows::add);
            p.start();
            p.await();
        }
        assertEquals(List.of(4.5, 21.0), rows.stream().map(r -> (Double) r.get("celsius")).toList());
        assertEquals(2, dead.size());
        assertEquals(file + ":3: expected 2 fields [sensor, celsius] but found 1", dead.get(0).error().getMessage());
        assertTrue(dead.get(1).error().getMessage().startsWith(file + ":4: column celsius: cannot convert 'hot'"),
                dead.get(1).error().getMessage());
        assertEquals(new Line(file, 3, "cellar"), dead.get(0).item());
    }

    @Test
    void csv_withoutHeader_andUnterminatedQuote() throws Exception {
        Path file = dir.resolve("raw.csv");
        Files.writeString(file, "1,a\n2,\"b\n");
        List<Object> out = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        try (Pipeline p = Sluice.pipeline().build()) {
            p.fromIterable("files", List.of(file)).process(FileNodes.lines())
                    .process(Csv.parser().columns("id", "name").build())
                    .errorPolicy(ErrorPolicy.deadLetter(dead::add))
                    .sink(out::add);
            p.start();
            p.await();
        } catch (dev.sluice.PipelineException e) {
            assertTrue(e.getMessage().contains(file + ":2: unterminated quoted field"), e.getMessage());
        }
        assertEquals(1, out.size());
        assertEquals("a", ((CsvRow) out.get(0)).get("name"));
    }

    @Test
    void csv_aStrayQuote_failsOneRecord_afterMaxRecord_andTheRestOfTheFileIsParsed() throws Exception {
        Path file = dir.resolve("stray.csv");
        StringBuilder text = new StringBuilder("id,name\n1,\"oops\n");
        for (int i = 2; i <= 40; i++) {
            text.append(i).append(",name").append(i).append('\n');
        }
        Files.writeString(file, text);
        List<CsvRow> rows = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        try (Pipeline p = Sluice.pipeline().build()) {
            p.fromIterable("files", List.of(file)).process(FileNodes.lines())
                    .process(Csv.parser().maxRecord(100).build())
                    .errorPolicy(ErrorPolicy.deadLetter(dead::add))
                    .sink(rows::add);
            p.start();
            p.await();
        }
        assertEquals(1, dead.size());
        String reason = dead.get(0).error().getMessage();
        assertTrue(reason.startsWith(file + ":2: a record longer than 100 characters (max-record), from a quoted field"
                + " that does not end: an unterminated quote? Parsing goes on after line "), reason);
        long resumedAfter = Long.parseLong(reason.substring(reason.lastIndexOf(' ') + 1));
        assertEquals(40 - resumedAfter + 1, rows.size(), "every line after the given-up record is a row again");
        assertEquals("name40", rows.get(rows.size() - 1).get("name"));
    }

    @Test
    void jsonLines_decodeEachLine_badLinesNamed() throws Exception {
        record Event(String type, int n) {}
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, "{\"type\":\"a\",\"n\":1}\n\n{\"type\":\"b\",\"n\":}\n{\"type\":\"c\",\"n\":3}\n");
        List<Event> events = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        try (Pipeline p = Sluice.pipeline().build()) {
            p.fromIterable("files", List.of(file)).process(FileNodes.lines())
                    .process(FileNodes.decode(JsonCodec.of(Event.class)))
                    .errorPolicy(ErrorPolicy.deadLetter(dead::add))
                    .sink(events::add);
            p.start();
            p.await();
        }
        assertEquals(List.of(new Event("a", 1), new Event("c", 3)), events);
        Path copy = dir.resolve("copy.jsonl");
        try (Pipeline p = Sluice.pipeline().build()) {
            p.fromIterable("events", events).map(FileNodes.encode(JsonCodec.of(Event.class)))
                    .process(FileNodes.writeLines(copy));
            p.start();
            p.await();
        }
        assertEquals("{\"type\":\"a\",\"n\":1}\n{\"type\":\"c\",\"n\":3}\n", Files.readString(copy));
        assertTrue(dead.get(0).error().getMessage().startsWith(file + ":3: invalid JSON for Event"),
                dead.get(0).error().getMessage());
    }

    @Test
    void textSink_writesLinesAndForcesOnCompletion_readersRoundTrip() throws Exception {
        Path out = dir.resolve("out/lines.txt");
        try (Pipeline p = Sluice.pipeline().build()) {
            p.fromIterable("words", List.of("alpha", "beta", "gämma")).process(FileNodes.writeLines(out));
            p.start();
            p.await();
        }
        assertEquals("alpha\nbeta\ngämma\n", Files.readString(out));
        List<String> text = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (Pipeline p = Sluice.pipeline().build()) {
            var files = p.fromIterable("files", List.of(out));
            files.process(FileNodes.readText()).sink(text::add);
            files.process(FileNodes.readBytes()).sink(b -> sizes.add(b.length));
            p.start();
            p.await();
        }
        assertEquals(List.of("alpha\nbeta\ngämma\n"), text);
        assertEquals(List.of(18), sizes);
    }

    @Test
    void tail_followsAppends_rotation_andTruncation() throws Exception {
        Path log = dir.resolve("app.log");
        Files.writeString(log, "zero\n");
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch[] reached = {new CountDownLatch(1), new CountDownLatch(3), new CountDownLatch(4),
            new CountDownLatch(5)};
        try (Pipeline p = Sluice.pipeline().build()) {
            p.generate("tail", FileNodes.tail(log).fromStart(true).pollInterval(Duration.ofMillis(10)).build()).sink(l -> {
                lines.add(l);
                for (CountDownLatch c : reached) {
                    c.countDown();
                }
            });
            p.start();
            reached[0].await(); // the tail has the file open
            Files.writeString(log, "one\r\ntw", java.nio.file.StandardOpenOption.APPEND);
            Files.writeString(log, "o\n", java.nio.file.StandardOpenOption.APPEND);
            reached[1].await();
            Files.move(log, dir.resolve("app.log.1"));
            Files.writeString(log, "three\n"); // rotated: a new file under the same name
            reached[2].await();
            Files.writeString(log, "4\n"); // truncated in place and rewritten, shorter
            reached[3].await();
        }
        assertEquals(List.of("zero", "one", "two", "three", "4"), lines);
    }

    @Test
    void tail_aLineTooLongOrNotUtf8_goesToOnError_andTheFileIsFollowedOn() throws Exception {
        Path log = dir.resolve("hostile.log");
        try (var out = Files.newOutputStream(log)) {
            out.write("ok\n".getBytes(StandardCharsets.UTF_8));
            out.write(new byte[] {'a', (byte) 0xff, '\n'});
            out.write(("x".repeat(100) + "\n").getBytes(StandardCharsets.UTF_8));
            out.write("fine\n".getBytes(StandardCharsets.UTF_8));
        }
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        List<DeadLetter> dead = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch fine = new CountDownLatch(1);
        try (Pipeline p = Sluice.pipeline().build()) {
            p.generate("tail", FileNodes.tail(log).fromStart(true).pollInterval(Duration.ofMillis(10)).maxLine(50).build())
                    .errorPolicy(ErrorPolicy.deadLetter(dead::add)).sink(l -> {
                        lines.add(l);
                        if (l.equals("fine")) {
                            fine.countDown();
                        }
                    });
            p.start();
            assertTrue(fine.await(30, java.util.concurrent.TimeUnit.SECONDS), lines.toString());
        }
        assertEquals(List.of("ok", "fine"), lines);
        assertEquals(List.of(log + ":2: not UTF-8 text: byte 2 of the line is 0xff: skipped",
                log + ":3: a line of 100 bytes, longer than 50 (the node's max-line): skipped"),
                dead.stream().map(DeadLetter::reason).toList());
    }
}
