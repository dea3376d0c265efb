package dev.sluice.avro.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Row;
import dev.sluice.test.NodeTypeKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The avro.* node types keep the contract every node type keeps, each the other's inverse. */
class AvroTypesKitTest {
    @TempDir
    Path dir;

    @Test
    void encode_thenDecode() throws Exception {
        Path schema = Files.writeString(dir.resolve("reading.avsc"), """
                {"type": "record", "name": "Reading", "fields": [
                  {"name": "sensor", "type": "string"}, {"name": "celsius", "type": "double"}]}
                """);
        List<Object> encoded = NodeTypeKit.of(new AvroTypes.Encode()).option("schema", schema)
                .input(Row.of(Map.of("sensor", "roof", "celsius", "21.5"))).check();
        assertEquals(1, encoded.size());
        assertEquals(List.of(Row.of(Map.of("sensor", "roof", "celsius", 21.5))),
                NodeTypeKit.of(new AvroTypes.Decode()).option("schema", schema).input(encoded.toArray()).check());
    }
}
