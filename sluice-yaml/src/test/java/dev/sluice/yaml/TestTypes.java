package dev.sluice.yaml;

import dev.sluice.Generator;
import dev.sluice.Processor;
import dev.sluice.Row;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.NodeType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.ProcessorType;
import dev.sluice.nodetype.SinkType;
import dev.sluice.nodetype.SourceType;
import dev.sluice.yaml.types.DeadLetterFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Node types of the tests' own, so that the YAML layer is tested without any connector module. */
final class TestTypes {
    private TestTypes() {}

    /** What each {@code test.collect} node received, by its {@code into} option. */
    static final Map<String, List<Object>> COLLECTED = new ConcurrentHashMap<>();

    /** The registry the tests parse against: these types, the engine-only built-ins and dead-letter files. */
    static NodeTypes registry() {
        List<NodeType> types = new ArrayList<>(List.of(new Lines(), new Words(), new Parse(), new Collect()));
        NodeTypes.load().all().stream().filter(t -> t.getClass().getPackageName().equals("dev.sluice.yaml.types"))
                .forEach(types::add);
        return NodeTypes.of(types, List.of(new DeadLetterFile()));
    }

    /** {@code yaml} as the file p.yaml in {@code dir}, loaded with this registry and no environment. */
    static PipelineFile load(Path dir, String yaml) throws Exception {
        return PipelineFile.load(write(dir, "p.yaml", yaml), Map.<String, String>of()::get, registry());
    }

    /** The problems of {@code yaml}, which must not load. */
    static List<String> problems(Path dir, String yaml) {
        return org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class, () -> load(dir, yaml)).problems();
    }

    static Path write(Path dir, String name, String yaml) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, yaml);
        return f;
    }

    /** {@code test.lines}: the given text, a line per item, as lines of a file. */
    static final class Lines extends AbstractNodeType implements SourceType {
        Lines() {
            super("test.lines", "emits the lines of 'text'",
                    OptionSpec.required("text", OptionType.STRING, "lines separated by '|'"));
        }

        @Override
        public Generator<?> create(NodeOptions o) {
            List<String> lines = List.of(o.string("text").split("\\|"));
            return (ctx, out) -> lines.forEach(out::emit);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.LINE;
        }
    }

    /** {@code test.words}: text, which is no line of a file. */
    static final class Words extends AbstractNodeType implements SourceType {
        Words() {
            super("test.words", "emits a few words as text");
        }

        @Override
        public Generator<?> create(NodeOptions o) {
            return (ctx, out) -> List.of("a", "b").forEach(out::emit);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.TEXT;
        }
    }

    /** {@code test.parse}: "name=value" lines to rows; a line without '=' fails. */
    static final class Parse extends AbstractNodeType implements ProcessorType {
        Parse() {
            super("test.parse", "name=value lines to rows",
                    OptionSpec.optional("separator", OptionType.CHAR, "=", "between name and value"));
        }

        @Override
        public Processor<Object, ?> create(NodeOptions o) {
            String sep = String.valueOf(o.character("separator"));
            return (item, out) -> {
                String[] parts = item.toString().split(java.util.regex.Pattern.quote(sep), 2);
                if (parts.length < 2) {
                    throw new IllegalArgumentException("no '" + sep + "' in " + item);
                }
                out.emit(Row.of(Map.of(parts[0], parts[1])));
            };
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return Set.of(ItemType.LINE);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.ROW;
        }
    }

    /** {@code test.collect}: keeps what it receives under the name {@code into}. */
    static final class Collect extends AbstractNodeType implements SinkType {
        Collect() {
            super("test.collect", "collects items for the test",
                    OptionSpec.required("into", OptionType.STRING, "where the test finds them"));
        }

        @Override
        public Processor<Object, Void> create(NodeOptions o) {
            List<Object> into = COLLECTED.computeIfAbsent(o.string("into"), k -> Collections.synchronizedList(new ArrayList<>()));
            return (item, out) -> into.add(item);
        }
    }
}
