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
    void stdin_aLineBeyondMaxLine_stopsThePipeline_namingTheLine() {
        byte[] input = "ok\n0123456789\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> NodeTypeKit.of(
                new StdioTypes.Stdin(() -> new java.io.ByteArrayInputStream(input))).option("max-line", 5).run());
        org.junit.jupiter.api.Assertions.assertTrue(String.valueOf(e.getMessage()).contains(
                "stdin:2: a line longer than 5 characters (the node's max-line)"), e.getMessage());
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
