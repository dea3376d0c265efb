package dev.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java snippet of the README and of docs/ compiles as written, against every module. A
 * snippet is a whole class (compiled as its file, with the snippets' usual imports if it has
 * none), or statements, compiled as the body of a method. Statements may use variables that the
 * text around them introduces: an HTML comment {@code <!-- given: Type name, ... -->} just before
 * the block declares them. {@code <!-- runs -->} there also runs the snippet (a class's
 * {@code main}, or the statements).
 *
 * <p>Every whole pipeline file among the YAML snippets (a block with {@code nodes:} at its top
 * level) validates as written, with the node types of every module; a composite snippet, named
 * by its first line ({@code # averages.yaml}), is written beside the pipelines of its document,
 * which load it.
 */
class DocSnippetsTest {
    private static final Pattern BLOCK = Pattern.compile(
            "(?:<!--\\s*((?:given|runs)[^\\n]*?)-->[ \\t]*\\n)?```java\\n(.*?)```", Pattern.DOTALL);
    private static final String IMPORTS = String.join("\n",
            "import dev.sluice.*;", "import dev.sluice.nodetype.*;", "import dev.sluice.log.*;",
            "import dev.sluice.log.kafka.*;", "import dev.sluice.kafka.*;", "import dev.sluice.mqtt.*;",
            "import dev.sluice.files.*;", "import dev.sluice.rocksdb.*;", "import dev.sluice.state.*;",
            "import dev.sluice.json.*;", "import dev.sluice.avro.*;", "import dev.sluice.test.*;",
            "import dev.sluice.yaml.*;", "import dev.sluice.cli.*;", "import java.util.*;", "import java.time.*;",
            "import java.nio.file.*;", "import java.util.function.*;", "");

    @TempDir
    Path dir;

    private record Snippet(String where, String code, String given, boolean runs) {}

    private static List<Snippet> snippets() throws IOException {
        List<Path> docs = new ArrayList<>(List.of(Path.of("..", "README.md")));
        try (Stream<Path> files = Files.list(Path.of("..", "docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<Snippet> out = new ArrayList<>();
        for (Path doc : docs) {
            String text = Files.readString(doc);
            Matcher m = BLOCK.matcher(text);
            while (m.find()) {
                String note = m.group(1) == null ? "" : m.group(1).trim();
                Matcher given = Pattern.compile("given:\\s*([^;]*)").matcher(note);
                out.add(new Snippet(doc.getFileName() + ":" + (text.substring(0, m.start(2)).split("\n", -1).length),
                        m.group(2), given.find() ? given.group(1).trim() : "", note.contains("runs")));
            }
        }
        return out;
    }

    @Test
    void everyJavaSnippetOfTheDocs_compiles_andTheMarkedOnesRun() throws Exception {
        List<Snippet> snippets = snippets();
        assertTrue(snippets.size() >= 15, "found only " + snippets.size() + " snippets");
        Path src = Files.createDirectories(dir.resolve("src"));
        List<String> runs = new ArrayList<>();
        int n = 0;
        for (Snippet s : snippets) {
            n++;
            Matcher cls = Pattern.compile("^public (?:final )?class (\\w+)", Pattern.MULTILINE).matcher(s.code());
            if (cls.find()) {
                String code = s.code().contains("import ") ? s.code() : IMPORTS + s.code();
                Files.writeString(src.resolve(cls.group(1) + ".java"), "// " + s.where() + "\n" + code);
                if (s.runs()) {
                    runs.add(cls.group(1));
                }
                continue;
            }
            // statements: records they declare become members, so that the givens may name them
            StringBuilder records = new StringBuilder();
            StringBuilder body = new StringBuilder();
            for (String line : s.code().split("\n")) {
                (line.startsWith("record ") ? records : body).append(line).append('\n');
            }
            String name = "Snippet" + n;
            Files.writeString(src.resolve(name + ".java"), IMPORTS + "// " + s.where() + "\nclass " + name + " {\n"
                    + records + "    static void run(" + s.given() + ") throws Exception {\n" + body + "\n    }\n}\n");
            if (s.runs()) {
                runs.add(name);
            }
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        List<String> files;
        try (Stream<Path> all = Files.list(src)) {
            files = all.map(Path::toString).sorted().toList();
        }
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(), "-classpath",
                System.getProperty("java.class.path"), "-proc:none", "-Xlint:none", "-nowarn"));
        args.addAll(files);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        boolean ok = javac.run(null, err, err, args.toArray(String[]::new)) == 0;
        errors.write(err.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(ok, "snippets that do not compile (the comment line names the doc and line):\n" + errors);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.resolve("classes").toUri().toURL()},
                getClass().getClassLoader())) {
            for (String name : runs) {
                Class<?> c = loader.loadClass(name);
                if (name.startsWith("Snippet")) {
                    var run = c.getDeclaredMethod("run");
                    run.setAccessible(true);
                    run.invoke(null);
                } else {
                    c.getMethod("main", String[].class).invoke(null, (Object) new String[0]);
                }
            }
        }
    }

    private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern NAMED = Pattern.compile("\\A#\\s*([\\w.-]+\\.ya?ml)");

    @Test
    void everyPipelineFileOfTheDocs_validates() throws Exception {
        List<Path> docs = new ArrayList<>(List.of(Path.of("..", "README.md")));
        try (Stream<Path> files = Files.list(Path.of("..", "docs"))) {
            files.filter(p -> p.toString().endsWith(".md")).sorted().forEach(docs::add);
        }
        List<String> problems = new ArrayList<>();
        int validated = 0;
        for (Path doc : docs) {
            String text = Files.readString(doc);
            Path home = Files.createDirectories(dir.resolve(doc.getFileName().toString()));
            List<Path> pipelines = new ArrayList<>();
            Matcher m = YAML.matcher(text);
            while (m.find()) {
                String yaml = m.group(1);
                boolean whole = Pattern.compile("^nodes:", Pattern.MULTILINE).matcher(yaml).find();
                if (!whole || Pattern.compile("^tests:", Pattern.MULTILINE).matcher(yaml).find()) {
                    continue; // a fragment of a file, or a test file
                }
                Matcher named = NAMED.matcher(yaml);
                int line = text.substring(0, m.start(1)).split("\n", -1).length;
                Path file = home.resolve(named.find() ? named.group(1) : "snippet-" + line + ".yaml");
                Files.writeString(file, yaml);
                if (!Pattern.compile("^composite:", Pattern.MULTILINE).matcher(yaml).find()) {
                    pipelines.add(file);
                }
            }
            for (Path file : pipelines) { // after every composite of the document is written
                try {
                    dev.sluice.yaml.PipelineFile.load(file, DocSnippetsTest::placeholder, dev.sluice.yaml.NodeTypes.load());
                    validated++;
                } catch (dev.sluice.yaml.ConfigException e) {
                    problems.add(doc.getFileName() + " (" + file.getFileName() + "):\n  " + String.join("\n  ", e.problems()));
                }
            }
        }
        assertTrue(problems.isEmpty(), "pipeline files of the docs that do not validate:\n" + String.join("\n", problems));
        assertTrue(validated >= 7, "validated only " + validated + " pipeline files");
    }

    /**
     * A value for a variable a snippet names without a default, as a reader would set it; a
     * variable with a default (${USERS:-http://...}) gets its default, which must validate too.
     */
    private static String placeholder(String name) {
        return switch (name) {
            case "KAFKA", "KAFKA_BOOTSTRAP" -> "localhost:9092";
            case "INGEST_TOKEN", "MQTT_PASSWORD" -> "placeholder-secret";
            default -> null;
        };
    }
}
