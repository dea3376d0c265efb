package dev.sluice.cli;

import dev.sluice.config.NodeType;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The node types a pipeline file may use: those registered through {@link ServiceLoader}. Nothing
 * else can be instantiated from a file.
 */
final class Registry {
    private final Map<String, NodeType> types = new TreeMap<>();

    static Registry load() {
        Registry r = new Registry();
        for (NodeType t : ServiceLoader.load(NodeType.class)) {
            NodeType previous = r.types.putIfAbsent(t.name(), t);
            if (previous != null && previous.getClass() != t.getClass()) {
                throw new IllegalStateException("two node types are called '" + t.name() + "': "
                        + previous.getClass().getName() + " and " + t.getClass().getName());
            }
        }
        return r;
    }

    /** Adds a type defined by a file (a composite), for the files parsed with this registry. */
    void add(NodeType type) {
        types.put(type.name(), type);
    }

    Optional<NodeType> find(String name) {
        return Optional.ofNullable(types.get(name));
    }

    Map<String, NodeType> all() {
        return types;
    }

    /** The known name closest to {@code wrong}, if it is close enough to be a typo. */
    static Optional<String> suggest(String wrong, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(wrong, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, wrong.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
