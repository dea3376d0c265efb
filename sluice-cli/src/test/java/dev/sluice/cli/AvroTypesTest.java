package dev.sluice.cli;

import dev.sluice.yaml.ConfigException;
import dev.sluice.yaml.PipelineFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Pipeline;
import dev.sluice.PipelineState;
import dev.sluice.Sluice;
import dev.sluice.log.LogRecord;
import dev.sluice.log.StreamLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code avro.encode} and {@code avro.decode} in pipeline files, checked against Avro's own reader. */
class AvroTypesTest {
    @TempDir
    Path dir;

    private static final String SCHEMA = """
            {"type": "record", "name": "Reading", "namespace": "test", "fields": [
              {"name": "sensor", "type": "string"},
              {"name": "celsius", "type": "double"},
              {"name": "count", "type": "int"},
              {"name": "kind", "type": {"type": "enum", "name": "Kind", "symbols": ["INDOOR", "OUTDOOR"]}},
              {"name": "note", "type": ["null", "string"], "default": null}]}
            """;

    @Test
    void csvRows_encodeToAvroInTheLog_andDecodeBackToRows_badRowsToTheDeadLetters() throws Exception {
        Files.writeString(dir.resolve("reading.avsc"), SCHEMA);
        Files.writeString(dir.resolve("readings.csv"), """
                sensor,celsius,count,kind
                roof,31.5,2,OUTDOOR
                cellar,12,1,INDOOR
                attic,warm,1,INDOOR
                shed,25,1,GARDEN
                """);
        try (Pipeline p = TestFiles.load(dir, """
                nodes:
                  - {name: read, type: files.read, options: {file: readings.csv}}
                  - {name: parse, type: csv.parse}
                  - name: encode
                    type: avro.encode
                    options: {schema: reading.avsc}
                    on_error: {dead_letter_file: rejected.tsv}
                  - {name: keep, type: log.append, options: {stream: readings, directory: log}}
                """, Map.of()).build(Sluice.pipeline())) {
            p.start();
            p.await();
            assertEquals(PipelineState.COMPLETED, p.state(), () -> "failure: " + p.failure());
        }
        List<String> rejected = Files.readAllLines(dir.resolve("rejected.tsv"));
        assertEquals(2, rejected.size(), rejected::toString);
        assertTrue(rejected.get(0).contains("field 'celsius': 'warm' is not a valid double"), rejected.get(0));
        assertTrue(rejected.get(1).contains("field 'kind': 'GARDEN' is not a valid enum (not one of [INDOOR, OUTDOOR])"),
                rejected.get(1));

        // Avro's own reader reads what the log holds
        Schema schema = new Schema.Parser().parse(SCHEMA);
        try (StreamLog log = StreamLog.open(dir.resolve("log"))) {
            List<LogRecord> records = log.stream("readings").read(1, 10);
            assertEquals(2, records.size());
            GenericRecord first = new GenericDatumReader<GenericRecord>(schema)
                    .read(null, DecoderFactory.get().binaryDecoder(records.get(0).payload(), null));
            assertEquals("roof", first.get("sensor").toString());
            assertEquals(31.5, first.get("celsius"));
            assertEquals(2, first.get("count"));
            assertEquals("OUTDOOR", first.get("kind").toString());
            assertEquals(null, first.get("note"));
        }

        Path out = dir.resolve("warm.jsonl");
        try (Pipeline p = TestFiles.load(dir, """
                nodes:
                  - {name: read, type: log.read, options: {stream: readings, group: g, directory: log, as: bytes}}
                  - {name: decode, type: avro.decode, options: {schema: reading.avsc}}
                  - {name: warm, type: filter, options: {field: celsius, op: ">", value: "20"}}
                  - {name: write, type: files.write, options: {file: warm.jsonl}}
                """, Map.of()).build(Sluice.pipeline())) {
            TestFiles.runUntil(p, () -> p.snapshot().node("warm").in() >= 2);
        }
        assertEquals(List.of("{\"sensor\":\"roof\",\"celsius\":31.5,\"count\":2,\"kind\":\"OUTDOOR\",\"note\":null}"),
                Files.readAllLines(out));
    }

    @Test
    void decode_refusesText_andMessagesThatAreNotAvro_forTheNodesPolicy() throws Exception {
        Files.writeString(dir.resolve("reading.avsc"), SCHEMA);
        Files.writeString(dir.resolve("lines.txt"), "not avro\n");
        // wired from lines of text, the file is refused before anything runs
        ConfigException wiring = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> TestFiles.load(dir, """
                        nodes:
                          - {name: read, type: files.read, options: {file: lines.txt}}
                          - {name: decode, type: avro.decode, options: {schema: reading.avsc}}
                          - {name: show, type: print}
                        """, Map.of()));
        assertTrue(wiring.getMessage().contains("node 'read' (files.read) emits lines of a file, but 'decode'"
                + " (avro.decode) takes binary messages or keyed messages"), wiring.getMessage());
        // text that only shows up at run time (message passes any item on) is refused per item, for the policy
        try (Pipeline p = TestFiles.load(dir, """
                nodes:
                  - {name: read, type: files.read, options: {file: lines.txt}}
                  - {name: any, type: message}
                  - name: decode
                    type: avro.decode
                    options: {schema: reading.avsc}
                    on_error: {dead_letter_file: rejected.tsv}
                  - {name: show, type: print}
                """, Map.of()).build(Sluice.pipeline())) {
            p.start();
            p.await();
        }
        List<String> rejected = Files.readAllLines(dir.resolve("rejected.tsv"));
        assertTrue(rejected.get(0).contains("avro.decode takes binary messages (as: bytes on the source), not text: not avro"),
                rejected.get(0));
        // a message that is not Avro goes to the dead letters whole, as base64
        Files.writeString(dir.resolve("reading.avsc"), SCHEMA);
        try (StreamLog log = StreamLog.open(dir.resolve("log"))) {
            log.stream("junk").append(dev.sluice.log.LogEntry.of(new byte[] {(byte) 0xff, 1, 2}));
        }
        try (Pipeline p = TestFiles.load(dir, """
                nodes:
                  - {name: read, type: log.read, options: {stream: junk, group: g, directory: log, as: bytes}}
                  - name: decode
                    type: avro.decode
                    options: {schema: reading.avsc}
                    on_error: {dead_letter_file: junk.tsv}
                  - {name: show, type: print}
                """, Map.of()).build(Sluice.pipeline())) {
            TestFiles.runUntil(p, () -> p.snapshot().node("decode").deadLettered() >= 1);
        }
        String junk = Files.readString(dir.resolve("junk.tsv"));
        assertTrue(junk.startsWith("decode\t") && junk.endsWith("\tbase64:/wEC\n"), junk);
        PipelineFile missing = TestFiles.load(dir, """
                nodes:
                  - {name: read, type: log.read, options: {stream: junk, group: g, directory: log, as: bytes}}
                  - {name: decode, type: avro.decode, options: {schema: missing.avsc}}
                  - {name: show, type: print}
                """, Map.of());
        Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> missing.build(Sluice.pipeline()));
        assertTrue(e.getMessage().contains("cannot read the Avro schema") && e.getMessage().contains("missing.avsc"),
                e.getMessage());
    }
}
