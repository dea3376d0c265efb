package dev.sluice.test;

import dev.sluice.DeadLetter;
import dev.sluice.ErrorPolicy;
import dev.sluice.Generator;
import dev.sluice.Node;
import dev.sluice.Pair;
import dev.sluice.Pipe;
import dev.sluice.Pipeline;
import dev.sluice.PipelineState;
import dev.sluice.Processor;
import dev.sluice.Sluice;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeKind;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.NodeType;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.ProcessorType;
import dev.sluice.nodetype.SinkType;
import dev.sluice.nodetype.SourceType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The contract every node type keeps, built-in or a plugin, checked the way a pipeline file will use
 * the type. A test of a type writes:
 *
 * <pre>{@code
 * NodeTypeKit.of(new Shout()).option("suffix", "?").input("a", "b").check();   // declaration, then a run
 * assertEquals(List.of("A?", "B?"), NodeTypeKit.of(new Shout()).option("suffix", "?").input("a", "b").run());
 * }</pre>
 *
 * <p>{@link #checkDeclaration()} checks what a file is validated against: a lowercase dotted name,
 * a one-line description, options with unique names whose defaults are values of their own types
 * and pass their own bounds, item types that fit the kind, and options checked together without
 * complaint. {@link #run()} makes the node with the options (given as text, as a file writes them,
 * and converted by their declared types) and runs it on the real engine: the inputs are emitted by
 * a source that asks to be told when they were processed, so a node that holds items without
 * passing the engine's markers, or a sink whose {@code flush} fails, is caught; the pipeline must
 * complete, and every output must be of the item type the type declares.
 */
public final class NodeTypeKit {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*");

    private final NodeType type;
    private final Map<String, Object> given = new LinkedHashMap<>();
    private final List<Object> inputs = new ArrayList<>();
    private int limit;
    private Duration timeout = Duration.ofSeconds(30);

    private NodeTypeKit(NodeType type) {
        this.type = Objects.requireNonNull(type, "type");
    }

    /** A kit for {@code type}. */
    public static NodeTypeKit of(NodeType type) {
        return new NodeTypeKit(type);
    }

    /**
     * An option, written as text as a pipeline file writes it (a path relative to the working
     * directory); a {@code Map} of texts for a {@link dev.sluice.nodetype.OptionType#MAPPING}
     * option, a {@code List} of texts for a {@link dev.sluice.nodetype.OptionType#LIST} one.
     */
    public NodeTypeKit option(String name, Object text) {
        given.put(name, text instanceof Map<?, ?> || text instanceof List<?> ? text : String.valueOf(text));
        return this;
    }

    /** Items the node receives, in order (ignored for a source). */
    public NodeTypeKit input(Object... items) {
        inputs.addAll(List.of(items));
        return this;
    }

    /** Items given as text in a pipeline test, read as the type reads them ({@link NodeType#testInput}). */
    public NodeTypeKit testInput(String... texts) {
        for (String t : texts) {
            inputs.add(type.testInput(t, inputs.size() + 1));
        }
        return this;
    }

    /** For a source that never ends: stop after {@code n} outputs. */
    public NodeTypeKit limit(int n) {
        this.limit = n;
        return this;
    }

    /** How long {@link #run()} waits for the node to finish. Default 30 s. */
    public NodeTypeKit timeout(Duration t) {
        this.timeout = Objects.requireNonNull(t, "timeout");
        return this;
    }

    /** {@link #checkDeclaration()}, then {@link #run()}. */
    public List<Object> check() throws Exception {
        checkDeclaration();
        return run();
    }

    /**
     * The options as a node of this type gets them: those given, converted by their declared
     * types, and the defaults of the others.
     *
     * @throws AssertionError naming an option that is unknown, missing or not of its type
     */
    public NodeOptions options() {
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> known = new HashSet<>();
        for (OptionSpec spec : type.options()) {
            known.add(spec.name());
            Object written = given.get(spec.name());
            if (written instanceof Map<?, ?> || written instanceof List<?>) {
                values.put(spec.name(), structured(spec, written));
                continue;
            }
            String text = (String) written;
            if (text == null) {
                text = spec.defaultValue();
            }
            if (text == null) {
                if (spec.required()) {
                    throw new AssertionError(type.name() + ": the test gives no value of the required option '"
                            + spec.name() + "'");
                }
                continue;
            }
            Object value;
            try {
                value = spec.type().parse(text);
            } catch (IllegalArgumentException e) {
                throw new AssertionError(type.name() + ": option '" + spec.name() + "' is not " + spec.type().inWords()
                        + ": " + text, e);
            }
            values.put(spec.name(), value instanceof Path p ? p.toAbsolutePath().normalize() : value);
        }
        for (String name : given.keySet()) {
            if (!known.contains(name)) {
                throw new AssertionError(type.name() + " has no option '" + name + "'; it has " + known);
            }
        }
        return NodeOptions.of("under-test", values, ErrorPolicy.fail());
    }

    private Object structured(OptionSpec spec, Object written) {
        if (written instanceof Map<?, ?> m && spec.type() == dev.sluice.nodetype.OptionType.MAPPING) {
            Map<String, String> copy = new LinkedHashMap<>();
            m.forEach((k, v) -> copy.put(String.valueOf(k), String.valueOf(v)));
            return Collections.unmodifiableMap(copy);
        }
        if (written instanceof List<?> l && spec.type() == dev.sluice.nodetype.OptionType.LIST) {
            return l.stream().map(String::valueOf).toList();
        }
        throw new AssertionError(type.name() + ": option '" + spec.name() + "' is " + spec.type().inWords() + ", not "
                + written);
    }

    /**
     * Checks what a pipeline file is validated against, with this kit's options.
     *
     * @throws AssertionError listing every part of the declaration that breaks the contract
     */
    public void checkDeclaration() {
        List<String> wrong = new ArrayList<>();
        if (type.name() == null || !NAME.matcher(type.name()).matches()) {
            wrong.add("the name '" + type.name() + "' is not lowercase words joined by dots (kafka.read)");
        }
        if (type.description() == null || type.description().isBlank() || type.description().contains("\n")) {
            wrong.add("the description is not one line of text");
        }
        Set<String> names = new HashSet<>();
        for (OptionSpec spec : type.options()) {
            if (!names.add(spec.name())) {
                wrong.add("two options are called '" + spec.name() + "'");
            }
            if (spec.required() && spec.defaultValue() != null) {
                wrong.add("option '" + spec.name() + "' is required but has a default");
            }
            if (spec.defaultValue() != null) {
                try {
                    String rejected = spec.rejects(spec.type().parse(spec.defaultValue()));
                    if (rejected != null) {
                        wrong.add("the default of '" + spec.name() + "' is not " + rejected + ": " + spec.defaultValue());
                    }
                } catch (IllegalArgumentException e) {
                    wrong.add("the default of '" + spec.name() + "' is not " + spec.type().inWords() + ": "
                            + spec.defaultValue());
                }
            }
        }
        NodeOptions options = options();
        try {
            type.check(options);
        } catch (IllegalArgumentException e) {
            wrong.add("check() refuses the kit's options: " + e.getMessage());
        }
        NodeKind kind = type.kind();
        Set<ItemType> consumes = type.consumes(options);
        ItemType produces = type.produces(options);
        if (kind == NodeKind.SOURCE != consumes.isEmpty()) {
            wrong.add(kind == NodeKind.SOURCE ? "a source takes nothing, but it declares " + consumes
                    : "a " + kind + " takes items, but it declares none");
        }
        if (consumes.contains(ItemType.SAME) || consumes.contains(ItemType.NONE)) {
            wrong.add("it takes " + consumes + ": 'what it receives' and 'nothing' are outputs only");
        }
        if (kind == NodeKind.SINK != (produces == ItemType.NONE)) {
            wrong.add(kind == NodeKind.SINK ? "a sink emits nothing, but it declares " + produces
                    : "a " + kind + " emits items, but it declares nothing");
        }
        if (!type.ports(options).isEmpty() && kind != NodeKind.OPERATOR) {
            wrong.add("only an operator has named outputs, but it declares " + type.ports(options));
        }
        if (produces == ItemType.SAME && kind == NodeKind.SOURCE) {
            wrong.add("a source has no input whose items it could pass on");
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError(type.name() + " breaks the node-type contract:\n  " + String.join("\n  ", wrong));
        }
    }

    /**
     * Makes the node and runs it on the engine with the inputs; returns what it emitted (nothing
     * for a sink; for a type with named outputs, the unnamed output's items as they are and each other item as a {@link Pair} of the output's name
     * and the item).
     *
     * @throws AssertionError if the node fails, does not finish in time, holds the inputs'
     *     acknowledgement back, or emits items of another type than it declares
     * @throws Exception what {@code create} throws
     */
    public List<Object> run() throws Exception {
        NodeOptions options = options();
        List<Object> out = Collections.synchronizedList(new ArrayList<>());
        List<DeadLetter> failed = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger acknowledged = new AtomicInteger();
        try (Pipeline p = Sluice.pipeline().name("kit-" + type.name()).build()) {
            Generator<Object> source = (ctx, emit) -> {
                inputs.forEach(emit::emit);
                ctx.whenProcessed(acknowledged::incrementAndGet);
            };
            Pipe<Object> output = switch (type) {
                case SourceType s -> p.generate("under-test", (Generator<Object>) cast(s.create(options)));
                case OperatorType o when !o.ports(options).isEmpty() -> ports(o.createPorts(p.generate("input", source), options));
                case OperatorType o -> cast(o.create(p.generate("input", source), options));
                case ProcessorType t -> node(p, source, cast(t.create(options)));
                case SinkType t -> node(p, source, cast(t.create(options)));
            };
            output.errorPolicy(ErrorPolicy.deadLetter(failed::add)).sink(item -> {
                if (limit == 0 || out.size() < limit) {
                    out.add(item);
                    if (out.size() == limit) {
                        p.stop();
                    }
                }
            });
            p.start();
            if (!p.await(timeout)) {
                p.cancel();
                throw new AssertionError(type.name() + " did not finish within " + timeout + " (" + out.size()
                        + " outputs); a source that never ends needs limit(n)");
            }
            if (p.state() != PipelineState.COMPLETED) {
                throw new AssertionError(type.name() + " ended " + p.state() + ": " + p.failure(), p.failure());
            }
        }
        if (!failed.isEmpty()) {
            throw new AssertionError(type.name() + " failed on " + failed.size() + " item(s), the first: "
                    + failed.get(0).error().getMessage(), failed.get(0).error());
        }
        if (type.kind() != NodeKind.SOURCE && acknowledged.get() != 1) {
            throw new AssertionError(type.name() + " held back the acknowledgement of its input (a marker that"
                    + " never passed, or a flush that failed)");
        }
        ItemType declared = type.produces(options);
        for (Object raw : out) {
            Object item = raw instanceof Ported p ? p.item() : raw;
            if (!fits(item, declared)) {
                throw new AssertionError(type.name() + " declares it emits " + declared + ", but emitted " + item
                        + " (" + (item == null ? "null" : item.getClass().getSimpleName()) + ")");
            }
        }
        return out.stream().map(raw -> raw instanceof Ported p ? Pair.of(p.port(), p.item()) : raw).toList();
    }

    /** An item of a named output, until {@link #run} returns it as a pair of the output's name and the item. */
    private record Ported(String port, Object item) {}

    /** Every output's items in one pipe: the unnamed output's as they are, a named one's tagged with its name. */
    private static Pipe<Object> ports(Map<String, Pipe<?>> ports) {
        Pipe<Object> all = null;
        for (Map.Entry<String, Pipe<?>> port : ports.entrySet()) {
            Pipe<Object> tagged = port.getKey().isEmpty() ? cast(port.getValue())
                    : cast(port.getValue().map(item -> new Ported(port.getKey(), item)));
            all = all == null ? tagged : all.union(tagged);
        }
        return all;
    }

    private static Pipe<Object> node(Pipeline p, Generator<Object> source, Processor<Object, Object> processor) {
        Node<Object, Object> node = p.node("under-test", processor);
        return p.generate("input", source).to(node);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        return (T) o;
    }

    /** Whether {@code item} is of the item type declared; "any" and "what it receives" fit everything. */
    private boolean fits(Object item, ItemType declared) {
        return switch (declared) {
            case ANY, SAME -> true;
            case TEXT -> item instanceof String;
            case LINE -> item != null && item.getClass().getSimpleName().equals("Line"); // dev.sluice.files.Line
            case ROW -> item instanceof Map<?, ?>;
            case BYTES -> item instanceof byte[];
            case MESSAGE -> item instanceof Pair<?, ?>;
            case FILE -> item instanceof Path;
            case BATCH -> item instanceof List<?>;
            case NONE -> false;
        };
    }
}
