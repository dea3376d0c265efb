package dev.sluice.cli;

import dev.sluice.yaml.PipelineFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated JSON Schema, checked by a third-party validator as an editor would use it. */
class SchemaTest {
    final Schema schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(SchemaCommand.schema(dev.sluice.yaml.NodeTypes.load()), InputFormat.JSON);

    List<Error> check(String yaml) {
        return schema.validate(yaml, InputFormat.YAML);
    }

    @Test
    void theShippedPipelineFiles_conform() throws Exception {
        for (String name : List.of("people.yaml", "sensors.yaml", "alerts.yaml")) {
            Path file = Path.of("../examples/pipelines", name);
            assertEquals(List.of(), check(Files.readString(file)), name);
        }
        assertEquals(List.of(), check("""
                composites: [averages.yaml]
                nodes:
                  - {name: read, type: files.read, options: {file: in.csv}}
                  - name: avg
                    type: Averages
                    options: {window: 1m}
                    on_error: {retry: {attempts: 5, backoff: 1s}, then: {dead_letter_stream: rejects}}
                  - {name: show, type: print, on_error: skip}
                edges: ["read -> avg", "avg -> show"]
                """));
    }

    @Test
    void mistakes_areFlagged() {
        assertTrue(check("nodes:\n  - {name: r, type: files.read, options: {fiel: x}}\n").size() > 0);
        assertTrue(check("nodes:\n  - {name: r, type: files.read}\n").size() > 0, "a required option is missing");
        assertTrue(check("nodes:\n  - {name: p, type: print, on_error: {retry: {attempts: 0}}}\n").size() > 0);
        assertTrue(check("nodes:\n  - {name: p, type: print, on_error: maybe}\n").size() > 0);
        assertTrue(check("nodez: []\n").size() > 0);
    }
}
