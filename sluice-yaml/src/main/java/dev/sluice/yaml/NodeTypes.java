package dev.sluice.yaml;

import dev.sluice.nodetype.CheckpointStoreType;
import dev.sluice.nodetype.DeadLetterType;
import dev.sluice.nodetype.NodeType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The node types and dead-letter destinations a pipeline file may name: those registered through
 * {@link ServiceLoader} by the modules on the class path (or module path). Nothing else can be
 * instantiated from a file. A provider that cannot be loaded (a jar whose own dependencies are
 * missing) does not stop the others: it is listed in {@link #problems()}, and a file naming one of
 * the types a missing module brings is told which module to add.
 */
public final class NodeTypes {
    /**
     * The built-in families and the module each comes with, for the message when a file names a
     * type whose module is not on the class path.
     */
    private static final Map<String, String> MODULES = Map.ofEntries(
            Map.entry("files.", "sluice-files"), Map.entry("csv.", "sluice-files"),
            Map.entry("json.", "sluice-json"), Map.entry("avro.", "sluice-avro"),
            Map.entry("cache.", "sluice-rocksdb"), Map.entry("log.", "sluice-log"),
            Map.entry("dead_letter_stream", "sluice-log"),
            Map.entry("kafka.", "sluice-kafka"), Map.entry("mqtt.", "sluice-mqtt"), Map.entry("http.", "sluice-http"),
            Map.entry("stdin", "sluice-files"), Map.entry("stdout", "sluice-files"));

    private final Map<String, NodeType> types = new TreeMap<>();
    private final Map<String, DeadLetterType> deadLetters = new TreeMap<>();
    private final Map<String, CheckpointStoreType> checkpointStores = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();

    private NodeTypes() {}

    /** The types registered on the class path of the thread's context class loader. */
    public static NodeTypes load() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return load(loader != null ? loader : NodeTypes.class.getClassLoader());
    }

    /** The types registered for {@code loader}, such as one over a directory of plugin jars. */
    public static NodeTypes load(ClassLoader loader) {
        NodeTypes r = new NodeTypes();
        for (NodeType t : providers(NodeType.class, loader, r.problems)) {
            r.add(t);
        }
        for (CheckpointStoreType t : providers(CheckpointStoreType.class, loader, r.problems)) {
            r.checkpointStores.putIfAbsent(t.name(), t);
        }
        for (DeadLetterType t : providers(DeadLetterType.class, loader, r.problems)) {
            DeadLetterType previous = r.deadLetters.putIfAbsent(t.name(), t);
            if (previous != null && previous.getClass() != t.getClass()) {
                throw new IllegalStateException("two dead-letter destinations are called '" + t.name() + "': "
                        + previous.getClass().getName() + " and " + t.getClass().getName());
            }
        }
        return r;
    }

    /** Exactly these types and destinations, for tests and embedding. */
    public static NodeTypes of(Collection<? extends NodeType> nodeTypes, Collection<? extends DeadLetterType> destinations) {
        NodeTypes r = new NodeTypes();
        nodeTypes.forEach(r::add);
        destinations.forEach(d -> r.deadLetters.put(d.name(), d));
        return r;
    }

    /** These types and {@code extra} (which must not share their names), for a test's own nodes. */
    public NodeTypes with(NodeType... extra) {
        NodeTypes r = new NodeTypes();
        r.types.putAll(types);
        r.deadLetters.putAll(deadLetters);
        r.checkpointStores.putAll(checkpointStores);
        r.problems.addAll(problems);
        for (NodeType t : extra) {
            r.add(t);
        }
        return r;
    }

    /** These types and destinations with {@code stores} as the checkpoint store types, for tests and embedding. */
    public NodeTypes withStores(CheckpointStoreType... stores) {
        NodeTypes r = with();
        for (CheckpointStoreType t : stores) {
            r.checkpointStores.put(t.name(), t);
        }
        return r;
    }

    private void add(NodeType t) {
        NodeType previous = types.putIfAbsent(t.name(), t);
        if (previous != null && previous.getClass() != t.getClass()) {
            throw new IllegalStateException("two node types are called '" + t.name() + "': "
                    + previous.getClass().getName() + " and " + t.getClass().getName());
        }
    }

    private static <S> List<S> providers(Class<S> service, ClassLoader loader, List<String> problems) {
        List<S> found = new ArrayList<>();
        Iterator<S> it = ServiceLoader.load(service, loader).iterator();
        while (true) {
            try {
                if (!it.hasNext()) {
                    return found;
                }
                found.add(it.next());
            } catch (ServiceConfigurationError e) {
                // a provider whose class or dependencies are missing: the others still load
                problems.add(e.getMessage() + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            }
        }
    }

    /** The node type called {@code name}, if one is registered. */
    public Optional<NodeType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    /** Every node type, by name. */
    public Collection<NodeType> all() {
        return types.values();
    }

    /** The names of the node types, sorted. */
    public java.util.Set<String> names() {
        return types.keySet();
    }

    /** The dead-letter destination selected by {@code key} of {@code on_error}, if registered. */
    public Optional<DeadLetterType> deadLetterType(String key) {
        return Optional.ofNullable(deadLetters.get(key));
    }

    /** The checkpoint store type called {@code name}, if registered. */
    public Optional<CheckpointStoreType> checkpointStore(String name) {
        return Optional.ofNullable(checkpointStores.get(name));
    }

    /** Every checkpoint store type, by name. */
    public Collection<CheckpointStoreType> checkpointStores() {
        return checkpointStores.values();
    }

    /** Every dead-letter destination, by key. */
    public Collection<DeadLetterType> deadLetterTypes() {
        return deadLetters.values();
    }

    /** Providers that could not be loaded, one line each; usually empty. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * The module a built-in type or destination called {@code name} comes with, when none of that
     * module's types is registered: {@code sluice-kafka} for {@code kafka.read} without the Kafka
     * module. Empty for a name of a present module (a typo) or not of Sluice's own.
     */
    public Optional<String> missingModule(String name) {
        return MODULES.entrySet().stream().filter(e -> name.startsWith(e.getKey()))
                .filter(e -> types.keySet().stream().noneMatch(t -> t.startsWith(e.getKey()))
                        && !deadLetters.containsKey(e.getKey()))
                .map(Map.Entry::getValue).findFirst();
    }

    /**
     * Why {@code name} names no node type: the module to add when it is one of Sluice's own, else
     * a "did you mean" and the known types.
     */
    String unknown(String name) {
        return missingModule(name).map(m -> "node type '" + name + "' comes with the module dev.sluice:" + m
                        + ", which is not on the class path: add it to the dependencies (the sluice command has it)")
                .orElseGet(() -> "unknown node type '" + name + "'" + Suggest.didYouMean(name, types.keySet())
                        + "; known types: " + String.join(", ", types.keySet()));
    }
}
