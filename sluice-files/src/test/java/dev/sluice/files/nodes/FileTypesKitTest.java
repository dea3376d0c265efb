package dev.sluice.files.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Row;
import dev.sluice.nodetype.NodeType;
import dev.sluice.test.NodeTypeKit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files.* and csv.* node types keep the contract every node type keeps, on real files. */
class FileTypesKitTest {
    @TempDir
    Path dir;

    private static NodeType type(String name) {
        for (NodeType t : ServiceLoader.load(NodeType.class)) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no node type " + name);
    }

    private static List<String> texts(List<Object> items) {
        return items.stream().map(String::valueOf).toList();
    }

    @Test
    void everyTypeOfThisModule_isCoveredHere() {
        Set<String> mine = new TreeSet<>();
        ServiceLoader.load(NodeType.class).forEach(t -> {
            if (t.getClass().getPackageName().equals("dev.sluice.files.nodes")) {
                mine.add(t.name());
            }
        });
        assertEquals(new TreeSet<>(List.of("csv.format", "csv.parse", "files.lines", "files.read", "files.tail",
                "files.watch", "files.write", "stdin", "stdout")), mine);
    }

    @Test
    void readingTypes() throws Exception {
        Path people = Files.writeString(dir.resolve("people.csv"), "name,born\nAda,1815\n");
        assertEquals(List.of("name,born", "Ada,1815"), texts(NodeTypeKit.of(type("files.read")).option("file", people).check()));
        assertEquals(List.of("name,born", "Ada,1815"), texts(NodeTypeKit.of(type("files.lines")).input(people).check()));
        assertEquals(List.of("name,born", "Ada,1815"), texts(NodeTypeKit.of(type("files.tail")).option("file", people)
                .option("from-start", true).option("poll", "10ms").limit(2).check()));
        assertEquals(List.of(people), NodeTypeKit.of(type("files.watch")).option("directory", dir).option("poll", "10ms")
                .limit(1).check());
    }

    @Test
    void csvTypes() throws Exception {
        NodeType parse = type("csv.parse");
        assertEquals(List.of(Row.of(Map.of("name", "Ada", "born", "1815"))),
                NodeTypeKit.of(parse).testInput("name,born", "Ada,1815").check());
        Row ada = new Row();
        ada.put("name", "Ada");
        ada.put("born", 1815);
        assertEquals(List.of("name;born", "Ada;1815"), NodeTypeKit.of(type("csv.format")).option("delimiter", ";")
                .input(ada).check());
    }

    @Test
    void csvParse_typedColumns_optionalAndDefaults() throws Exception {
        Map<String, String> types = new java.util.LinkedHashMap<>();
        types.put("born", "int");
        types.put("score", "double?");
        types.put("active", "bool = false");
        types.put("seen", "time?");
        List<Object> rows = NodeTypeKit.of(type("csv.parse")).option("types", types).testInput(
                "name,born,score,active,seen", "Ada,1815,9.5,yes,2026-01-01T00:00:00Z", "Grace,1906,,,").check();
        Row ada = new Row();
        ada.put("name", "Ada");
        ada.put("born", 1815L);
        ada.put("score", 9.5);
        ada.put("active", true);
        ada.put("seen", java.time.Instant.parse("2026-01-01T00:00:00Z"));
        Row grace = new Row();
        grace.put("name", "Grace");
        grace.put("born", 1906L);
        grace.put("score", null);
        grace.put("active", false);
        grace.put("seen", null);
        assertEquals(List.of(ada, grace), rows);
        assertEquals("{\"name\":\"Ada\",\"born\":1815,\"score\":9.5,\"active\":true,\"seen\":\"2026-01-01T00:00:00Z\"}",
                ada.toString(), "numbers stay numbers in JSON");
    }

    @Test
    void csvParse_aValueNotOfItsType_failsTheRow_namingFileLineAndColumn() {
        Throwable e = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, () -> NodeTypeKit.of(type("csv.parse"))
                .option("types", Map.of("born", "int")).testInput("name,born", "Ada,1815", "Bob,", "Cy,old").run());
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("test-input:3: column born: cannot convert '':"
                + " empty, and the column is not optional (write 'int?' for null, or 'int = VALUE')"), e.getMessage());
        Throwable typo = org.junit.jupiter.api.Assertions.assertThrows(Throwable.class, () -> NodeTypeKit.of(
                type("csv.parse")).option("types", Map.of("bron", "int")).testInput("name,born", "Ada,1815").run());
        org.junit.jupiter.api.Assertions.assertTrue(typo.getMessage().contains("test-input:1: no column 'bron' in the header"
                + " [name, born]"), typo.getMessage());
        AssertionError badType = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> NodeTypeKit.of(
                type("csv.parse")).option("types", Map.of("born", "integer")).checkDeclaration());
        org.junit.jupiter.api.Assertions.assertTrue(badType.getMessage().contains("'integer' is not a column type"),
                badType.getMessage());
    }

    @Test
    void csvParse_columnsForFilesWithoutAHeader() throws Exception {
        assertEquals(List.of(Row.of(Map.of("name", "Ada", "born", 1815L))), NodeTypeKit.of(type("csv.parse"))
                .option("columns", List.of("name", "born")).option("types", Map.of("born", "int"))
                .testInput("Ada,1815").check());
    }

    @Test
    void filesWrite() throws Exception {
        Path out = dir.resolve("out/lines.txt");
        assertEquals(List.of(), NodeTypeKit.of(type("files.write")).option("file", out)
                .input("one", Row.of(Map.of("a", 1))).check());
        assertEquals(List.of("one", "{\"a\":1}"), Files.readAllLines(out), "written before the input was acknowledged");
    }

    @Test
    void stdin_linesOfTheStream_withTheirNumbers_andCarriageReturnsGone() throws Exception {
        byte[] input = "name,born\r\nAda,1815\n\nGrace,1906".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<Object> lines = NodeTypeKit.of(new StdioTypes.Stdin(() -> new java.io.ByteArrayInputStream(input))).check();
        assertEquals(List.of("name,born", "Ada,1815", "", "Grace,1906"), texts(lines));
        assertEquals("stdin:4", ((dev.sluice.files.Line) lines.get(3)).where(), "errors name the line");
    }

    @Test
    void stdin_aLineBeyondMaxLine_goesToTheNodesOnError_withItsPlace_andTheRestIsRead() throws Exception {
        byte[] input = "ok\n0123456789\nfine\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        List<dev.sluice.DeadLetter> dead = new java.util.ArrayList<>();
        List<Object> out = new java.util.ArrayList<>();
        NodeTypeKit kit = NodeTypeKit.of(new StdioTypes.Stdin(() -> new java.io.ByteArrayInputStream(input))).option("max-line", 5);
        dev.sluice.Pipeline p = dev.sluice.Sluice.pipeline().build();
        p.generate("in", (dev.sluice.Generator<Object>) (dev.sluice.Generator<?>) new StdioTypes.Stdin(
                () -> new java.io.ByteArrayInputStream(input)).create(kit.options()))
                .errorPolicy(dev.sluice.ErrorPolicy.deadLetter(dead::add)).sink(out::add);
        p.start();
        p.await();
        assertEquals(List.of("ok", "fine"), texts(out));
        assertEquals(List.of("stdin:2: a line of 10 bytes, longer than 5 (the node's max-line): skipped"),
                dead.stream().map(dev.sluice.DeadLetter::reason).toList());
    }

    @Test
    void stdout_writesEachItemAsALine_rowsAsJson_inOneWritePerFlush() throws Exception {
        java.io.ByteArrayOutputStream written = new java.io.ByteArrayOutputStream();
        Row ada = new Row();
        ada.put("name", "Ada");
        ada.put("born", 1815);
        NodeTypeKit.of(new StdioTypes.Stdout(() -> written)).input("plain text", ada).check();
        assertEquals("plain text\n{\"name\":\"Ada\",\"born\":1815}\n", written.toString(java.nio.charset.StandardCharsets.UTF_8));
    }
}
