package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Pipeline;
import dev.sluice.PipelineState;
import dev.sluice.Sluice;
import dev.sluice.yaml.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code json.decode} and {@code json.encode} in pipeline files, and the sinks that take its keyed messages. */
class JsonTypesTest {
    @TempDir
    Path dir;

    private void run(String yaml) throws Exception {
        try (Pipeline p = TestFiles.load(dir, yaml, Map.of()).build(Sluice.pipeline())) {
            p.start();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
        }
    }

    @Test
    void decode_givesFieldsToFilter_nestedOnesByDottedName_andMalformedItemsGoToTheDeadLetters() throws Exception {
        Files.writeString(dir.resolve("readings.jsonl"), """
                {"sensor": "roof", "reading": {"celsius": 31.5}}
                {"sensor": "cellar", "reading": {"celsius": 12.0}}
                {"sensor": "attic", "reading": {"celsius": 35
                [1, 2]
                {"sensor": "boiler", "reading": {"celsius": 71}}
                """);
        run("""
                nodes:
                  - {name: read, type: files.read, options: {file: readings.jsonl}}
                  - {name: parse, type: json.decode, on_error: {dead_letter_file: rejected.tsv}}
                  - {name: hot, type: filter, options: {field: reading.celsius, op: ">", value: "30"}}
                  - {name: encode, type: json.encode}
                  - {name: write, type: files.write, options: {file: hot.jsonl}}
                """);
        assertEquals(List.of("{\"sensor\":\"roof\",\"reading\":{\"celsius\":31.5}}",
                "{\"sensor\":\"boiler\",\"reading\":{\"celsius\":71}}"), Files.readAllLines(dir.resolve("hot.jsonl")));
        List<String> rejected = Files.readAllLines(dir.resolve("rejected.tsv"));
        assertEquals(2, rejected.size(), rejected::toString);
        assertTrue(rejected.get(0).startsWith("parse\t") && rejected.get(0).contains("\"attic\""), rejected.get(0));
        assertTrue(rejected.get(1).contains("[1, 2]"), rejected.get(1));
    }

    /** Without json.encode, a row reaching a text sink or a dead-letter file is written as its JSON. */
    @Test
    void rows_areWrittenAsJson_bySinksAndDeadLetters() throws Exception {
        Files.writeString(dir.resolve("readings.jsonl"), """
                {"sensor": "roof", "reading": {"celsius": 31.5}, "tags": ["a", "b"], "ok": true}
                {"sensor": "cellar", "reading": {"celsius": "warm"}, "tags": [], "ok": null}
                """);
        run("""
                nodes:
                  - {name: read, type: files.read, options: {file: readings.jsonl}}
                  - {name: parse, type: json.decode}
                  - {name: keep, type: files.write, options: {file: rows.jsonl}}
                  - name: total
                    type: window.aggregate
                    options: {function: sum, value: reading.celsius, size: 1h}
                    on_error: {dead_letter_file: rejected.tsv}
                edges:
                  - read -> parse
                  - parse -> keep
                  - parse -> total
                """);
        assertEquals(List.of("{\"sensor\":\"roof\",\"reading\":{\"celsius\":31.5},\"tags\":[\"a\",\"b\"],\"ok\":true}",
                "{\"sensor\":\"cellar\",\"reading\":{\"celsius\":\"warm\"},\"tags\":[],\"ok\":null}"),
                Files.readAllLines(dir.resolve("rows.jsonl")));
        List<String> rejected = Files.readAllLines(dir.resolve("rejected.tsv"));
        assertEquals(1, rejected.size(), rejected::toString);
        assertTrue(rejected.get(0).startsWith("total.window\t") && rejected.get(0).endsWith(
                "\t{\"sensor\":\"cellar\",\"reading\":{\"celsius\":\"warm\"},\"tags\":[],\"ok\":null}"), rejected.get(0));
    }

    @Test
    void keyedMessages_keepTheirKeyInTheLog_andLogReadAsRowsGivesIt() throws Exception {
        Files.writeString(dir.resolve("readings.jsonl"), """
                {"sensor": "roof", "celsius": 4.5}
                {"sensor": "cellar", "celsius": 12.0}
                """);
        run("""
                nodes:
                  - {name: read, type: files.read, options: {file: readings.jsonl}}
                  - {name: parse, type: json.decode}
                  - {name: encode, type: json.encode, options: {key: sensor}}
                  - {name: keep, type: log.append, options: {stream: readings, directory: log}}
                """);
        Path out = dir.resolve("rows.jsonl");
        try (Pipeline p = TestFiles.load(dir, """
                nodes:
                  - {name: read, type: log.read, options: {stream: readings, group: g, directory: log, as: row}}
                  - {name: parse, type: json.decode, options: {field: payload}}
                  - {name: encode, type: json.encode}
                  - {name: write, type: files.write, options: {file: rows.jsonl}}
                """, Map.of()).build(Sluice.pipeline())) {
            p.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
            while (TestFiles.lines(out) < 2) {
                assertTrue(System.nanoTime() < deadline, Render.table(p.snapshot()));
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
            }
            p.stop();
            p.await();
        }
        List<String> rows = Files.readAllLines(out);
        assertTrue(rows.get(0).matches("\\{\"position\":1,\"timestamp\":\"[^\"]+\",\"key\":\"roof\","
                + "\"payload\":\\{\"sensor\":\"roof\",\"celsius\":4.5},\"headers\":\\{}}"), rows.get(0));
        assertTrue(rows.get(1).contains("\"key\":\"cellar\""), rows.get(1));
    }

    @Test
    void encode_keyExpression_keysEachMessage_andTheLogKeepsTheKey() throws Exception {
        Files.writeString(dir.resolve("readings.jsonl"), """
                {"site": "north", "sensor": "roof", "celsius": 4.5}
                {"site": "south", "sensor": "cellar", "celsius": 12.0}
                """);
        run("""
                nodes:
                  - {name: read, type: files.read, options: {file: readings.jsonl}}
                  - {name: parse, type: json.decode}
                  - {name: encode, type: json.encode, options: {key-expression: "row.site + '/' + row.sensor"}}
                  - {name: keep, type: log.append, options: {stream: readings, directory: log}}
                """);
        try (dev.sluice.log.StreamLog log = dev.sluice.log.StreamLog.open(dir.resolve("log"))) {
            assertEquals(List.of("north/roof", "south/cellar"), log.stream("readings").read(1, 10).stream()
                    .map(r -> new String(r.key(), java.nio.charset.StandardCharsets.UTF_8)).toList());
        }
    }

    @Test
    void aRecordsMetadata_isInScopeOfExpressions_throughAsRow() throws Exception {
        try (dev.sluice.log.StreamLog log = dev.sluice.log.StreamLog.open(dir.resolve("log"))) {
            log.stream("events").appendAll(List.of(
                    new dev.sluice.log.LogEntry("u1".getBytes(), "{\"n\": 1}".getBytes(), Map.of("origin", "web"), java.time.Instant.now()),
                    new dev.sluice.log.LogEntry("u2".getBytes(), "{\"n\": 2}".getBytes(), Map.of("origin", "batch"), java.time.Instant.now()),
                    new dev.sluice.log.LogEntry("u3".getBytes(), "{\"n\": 3}".getBytes(), Map.of(), java.time.Instant.now())));
        }
        Path out = dir.resolve("web.jsonl");
        try (Pipeline p = TestFiles.load(dir, """
                nodes:
                  - {name: read, type: log.read, options: {stream: events, group: g, directory: log, as: row}}
                  - {name: web, type: filter, options: {expression: "row.headers.?origin.orValue('') == 'web' && row.position >= 1"}}
                  - {name: parse, type: json.decode, options: {field: payload}}
                  - {name: shape, type: map, options: {expression: '{"user": row.key, "n": row.payload.n}'}}
                  - {name: write, type: files.write, options: {file: web.jsonl}}
                """, Map.of()).build(Sluice.pipeline())) {
            p.start();
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
            while (TestFiles.lines(out) < 1 || p.snapshot().node("read").out() < 3) {
                assertTrue(System.nanoTime() < deadline, Render.table(p.snapshot()));
                java.util.concurrent.locks.LockSupport.parkNanos(java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(20));
            }
            p.stop();
            p.await();
        }
        assertEquals(List.of("{\"user\":\"u1\",\"n\":1}"), Files.readAllLines(out));
    }

    @Test
    void keyedMessages_goIntoACache_andSluiceCacheReadsThem() throws Exception {
        Files.writeString(dir.resolve("readings.jsonl"), """
                {"sensor": "roof", "celsius": 4.5}
                {"sensor": "cellar", "celsius": 12.0}
                {"sensor": "roof", "celsius": 5.0}
                """);
        run("""
                nodes:
                  - {name: read, type: files.read, options: {file: readings.jsonl}}
                  - {name: parse, type: json.decode}
                  - {name: encode, type: json.encode, options: {key: sensor}}
                  - {name: keep, type: cache.write, options: {directory: db}}
                """);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"cache", "get", dir.resolve("db").toString(), "roof"},
                new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8), System.err));
        assertEquals("{\"sensor\":\"roof\",\"celsius\":5.0}", out.toString(java.nio.charset.StandardCharsets.UTF_8).trim(),
                "the last value of the key wins");
        try (var cache = dev.sluice.rocksdb.Cache.open(dir.resolve("db"))) {
            assertEquals("{\"sensor\":\"cellar\",\"celsius\":12.0}", cache.get("cellar").orElseThrow());
        }
    }

    /** {@code message} keys a field's value by another field; a null value (a tombstone) deletes from the cache. */
    @Test
    void message_keysAFieldsValue_andATombstoneDeletesFromTheCache() throws Exception {
        Files.writeString(dir.resolve("changes.jsonl"), """
                {"id": "a", "doc": {"v": 1}}
                {"id": "b", "doc": {"v": 2}}
                {"id": "a", "doc": null}
                """);
        run("""
                nodes:
                  - {name: read, type: files.read, options: {file: changes.jsonl}}
                  - {name: parse, type: json.decode}
                  - {name: message, type: message, options: {key: id, value: doc}}
                  - {name: keep, type: cache.write, options: {directory: db}}
                """);
        try (var cache = dev.sluice.rocksdb.Cache.open(dir.resolve("db"))) {
            assertEquals(java.util.Optional.empty(), cache.get("a"), "deleted by the tombstone");
            assertEquals("{\"v\":2}", cache.get("b").orElseThrow());
        }
        run("""
                nodes:
                  - {name: read, type: files.read, options: {file: changes.jsonl}}
                  - {name: parse, type: json.decode}
                  - {name: message, type: message, options: {value: doc}, on_error: {dead_letter_file: rejected.tsv}}
                  - {name: write, type: files.write, options: {file: docs.txt}}
                """);
        assertEquals(List.of("{\"v\":1}", "{\"v\":2}"), Files.readAllLines(dir.resolve("docs.txt")));
        List<String> rejected = Files.readAllLines(dir.resolve("rejected.tsv"));
        assertEquals(1, rejected.size(), rejected::toString);
        assertTrue(rejected.get(0).startsWith("message\t") && rejected.get(0).contains("without a key"), rejected.get(0));
    }

    @Test
    void cacheWrite_refusesAnItemWithoutAKey_forTheNodesPolicy() throws Exception {
        Files.writeString(dir.resolve("lines.txt"), "no key here\n");
        ConfigException wiring = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> TestFiles.load(dir, """
                        nodes:
                          - {name: read, type: files.read, options: {file: lines.txt}}
                          - {name: keep, type: cache.write, options: {directory: db}}
                        """, Map.of()));
        assertTrue(wiring.getMessage().contains("'keep' (cache.write) takes keyed messages: key the items first"),
                wiring.getMessage());
        // an item without a key that only shows up at run time (message passes any item on) is refused per item
        run("""
                nodes:
                  - {name: read, type: files.read, options: {file: lines.txt}}
                  - {name: any, type: message}
                  - {name: keep, type: cache.write, options: {directory: db}, on_error: {dead_letter_file: rejected.tsv}}
                """);
        List<String> rejected = Files.readAllLines(dir.resolve("rejected.tsv"));
        assertEquals(1, rejected.size(), rejected::toString);
        assertTrue(rejected.get(0).contains("keyed messages") && rejected.get(0).contains("no key here"), rejected.get(0));
    }

    /** csv.format writes rows back as CSV: a header, RFC 4180 quoting, nested values as JSON, nulls empty. */
    @Test
    void csvFormat_writesRowsAsCsvLines_headerFirst() throws Exception {
        Files.writeString(dir.resolve("people.jsonl"), """
                {"name": "Hopper, Grace", "city": "New York", "at": {"h": 1}}
                {"name": "Ada", "city": "London", "at": null}
                {"name": "Edsger"}
                """);
        run("""
                nodes:
                  - {name: read, type: files.read, options: {file: people.jsonl}}
                  - {name: parse, type: json.decode}
                  - {name: format, type: csv.format, on_error: {dead_letter_file: rejected.tsv}}
                  - {name: write, type: files.write, options: {file: people.csv}}
                """);
        assertEquals(List.of("name,city,at", "\"Hopper, Grace\",New York,\"{\"\"h\"\":1}\"", "Ada,London,"),
                Files.readAllLines(dir.resolve("people.csv")));
        assertTrue(Files.readString(dir.resolve("rejected.tsv")).contains("no column 'city'"));
        Files.writeString(dir.resolve("two.jsonl"), """
                {"name": "Hopper; Grace", "city": "New York"}
                {"name": "Ada", "city": "London"}
                """);
        run("""
                nodes:
                  - {name: read, type: files.read, options: {file: two.jsonl}}
                  - {name: parse, type: json.decode}
                  - {name: format, type: csv.format, options: {columns: "city, name", header: false, delimiter: ";"}}
                  - {name: write, type: files.write, options: {file: cities.csv}}
                """);
        assertEquals(List.of("New York;\"Hopper; Grace\"", "London;Ada"), Files.readAllLines(dir.resolve("cities.csv")));
    }

    @Test
    void encode_writesCsvRowsAsObjectsOfTheirColumns() throws Exception {
        Files.writeString(dir.resolve("people.csv"), "name,city\nAda,London\nGrace,Arlington\n");
        run("""
                nodes:
                  - {name: read, type: files.read, options: {file: people.csv}}
                  - {name: parse, type: csv.parse}
                  - {name: encode, type: json.encode}
                  - {name: write, type: files.write, options: {file: people.jsonl}}
                """);
        assertEquals(List.of("{\"name\":\"Ada\",\"city\":\"London\"}", "{\"name\":\"Grace\",\"city\":\"Arlington\"}"),
                Files.readAllLines(dir.resolve("people.jsonl")));
    }
}
