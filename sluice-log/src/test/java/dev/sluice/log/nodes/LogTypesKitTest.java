package dev.sluice.log.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Pair;
import dev.sluice.Row;
import dev.sluice.test.NodeTypeKit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** log.append and log.read keep the contract every node type keeps, on the embedded log. */
class LogTypesKitTest {
    @TempDir
    Path dir;

    @Test
    void append_thenRead_asTextAndAsRows() throws Exception {
        Path log = dir.resolve("log");
        NodeTypeKit.of(new LogTypes.Append()).option("stream", "s").option("directory", log)
                .input("one", Pair.of("k", "two")).check();
        assertEquals(List.of("one", "two"), NodeTypeKit.of(new LogTypes.Read()).option("stream", "s").option("group", "g")
                .option("directory", log).limit(2).check());
        List<Object> rows = NodeTypeKit.of(new LogTypes.Read()).option("stream", "s").option("group", "h")
                .option("directory", log).option("as", "row").limit(2).check();
        assertEquals(List.of("one", "two"), rows.stream().map(r -> ((Row) r).get("payload")).toList());
        assertEquals("k", ((Map<?, ?>) rows.get(1)).get("key"));
    }
}
