package dev.sluice.yaml;

import dev.sluice.nodetype.OptionType;
import dev.sluice.yaml.spec.Position;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML file as a node tree (never bound to classes), for pipeline files and test files
 * alike: every problem is collected with {@code file:line:column}, unknown keys get a "did you
 * mean", and values are converted to option types after {@code ${NAME}} substitution. Nothing
 * stops at the first problem, so a file's problems are all reported at once.
 */
final class YamlReader {
    /** {@code ${NAME}}, {@code ${NAME:-default}} (environment) and {@code ${file:/path}} (a secret). */
    private static final Pattern VAR = Pattern.compile("\\$\\{(file:)?([^}:]+)(?::-([^}]*))?}");
    /** Files larger than this are refused: a pipeline file is a page or two. */
    private static final int MAX_CODE_POINTS = 3 * 1024 * 1024;

    private final Path file;
    private final Function<String, String> env;
    private final List<String> problems;

    /** A reader of {@code file} whose problems go to {@code problems}; {@code env} resolves {@code ${NAME}}. */
    YamlReader(Path file, Function<String, String> env, List<String> problems) {
        this.file = file;
        this.env = env;
        this.problems = problems;
    }

    Path file() {
        return file;
    }

    List<String> problems() {
        return problems;
    }

    /** How {@code ${NAME}} is resolved, for the files this one includes. */
    Function<String, String> env() {
        return env;
    }

    /** The document's root, or null after reporting why there is none. */
    Node compose() throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(50);
            options.setCodePointLimit(MAX_CODE_POINTS);
            Node root = new Yaml(options).compose(reader);
            if (root == null) {
                problems.add(file + ":1:1: the file is empty");
            } else {
                duplicateKeys(root, java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
            }
            return root;
        } catch (MarkedYAMLException e) {
            problem(e.getProblemMark(), "not valid YAML: " + e.getProblem());
        } catch (YAMLException e) {
            // limits without a place: too many aliases, too large
            problems.add(file + ":1:1: not a usable YAML file: " + e.getMessage());
        }
        return null;
    }

    /**
     * Reports every key given twice in one mapping. SnakeYAML checks that only when it constructs
     * Java objects, and this reader walks the composed nodes instead: without this the later value
     * would win in silence.
     */
    private void duplicateKeys(Node n, java.util.Set<Node> seen) {
        if (!seen.add(n)) {
            return; // an alias of a node already walked
        }
        if (n instanceof MappingNode m) {
            Map<String, Node> keys = new java.util.HashMap<>();
            for (NodeTuple t : m.getValue()) {
                String key = scalar(t.getKeyNode());
                Node first = key == null ? null : keys.putIfAbsent(key, t.getKeyNode());
                if (first != null) {
                    problem(t.getKeyNode(), "key '" + key + "' is given twice in one mapping (first at line "
                            + (first.getStartMark().getLine() + 1) + "): the later would win in silence; keep one");
                }
                duplicateKeys(t.getValueNode(), seen);
            }
        } else if (n instanceof org.yaml.snakeyaml.nodes.SequenceNode sequence) {
            sequence.getValue().forEach(item -> duplicateKeys(item, seen));
        }
    }

    Position at(Node n) {
        Mark m = n.getStartMark();
        return new Position(file.toString(), m.getLine() + 1, m.getColumn() + 1);
    }

    /**
     * Where the character at {@code offset} of a scalar's text was written: the scalar's line and
     * column plus the offset for a one-line value, the right line of a block (|) value; the
     * scalar's own position when the text cannot be found as written (escapes, folding).
     */
    Position inside(Node value, int offset) {
        if (offset < 0 || !(value instanceof ScalarNode s) || offset > s.getValue().length()) {
            return at(value);
        }
        String text = s.getValue();
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int lineEnd = text.indexOf('\n', offset);
        String wanted = text.substring(lineStart, lineEnd < 0 ? text.length() : lineEnd);
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            int first = value.getStartMark().getLine();
            for (int l = first; l < lines.size() && l <= first + text.length(); l++) {
                int from = l == first ? value.getStartMark().getColumn() : 0;
                int col = wanted.isEmpty() ? -1 : lines.get(l).indexOf(wanted, Math.min(from, lines.get(l).length()));
                if (col >= 0) {
                    return new Position(file.toString(), l + 1, col + (offset - lineStart) + 1);
                }
            }
        } catch (IOException e) {
            // the file was read a moment ago; if it is gone, the value's own position is still true
        }
        return at(value);
    }

    void problem(Node at, String message) {
        problem(at.getStartMark(), message);
    }

    void problem(Position at, String message) {
        problems.add(at + ": " + message);
    }

    void problem(Mark mark, String message) {
        problems.add(file + ":" + (mark.getLine() + 1) + ":" + (mark.getColumn() + 1) + ": " + message);
    }

    /** The text of a scalar, or null for anything else. */
    static String scalar(Node n) {
        return n instanceof ScalarNode s ? s.getValue() : null;
    }

    /** Whether {@code n} is YAML's null ({@code null}, {@code ~} or nothing). */
    static boolean isNull(Node n) {
        return n instanceof ScalarNode && Tag.NULL.equals(n.getTag());
    }

    /** The text of a scalar, or null after reporting that {@code key} takes a single value. */
    String text(Node n, String key) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        problem(n, "'" + key + "' must be a single value");
        return null;
    }

    SequenceNode sequence(Node n, String key) {
        if (n instanceof SequenceNode s) {
            return s;
        }
        problem(n, "'" + key + "' must be a list");
        return null;
    }

    /** The items of a list of single values, or an empty list after reporting. */
    List<String> textList(Node n, String key) {
        if (!(n instanceof SequenceNode s)) {
            problem(n, "'" + key + "' is a list");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Node item : s.getValue()) {
            String text = scalar(item);
            if (text == null) {
                problem(item, "the items of '" + key + "' are written as text");
            } else {
                values.add(text);
            }
        }
        return values;
    }

    void unknownKey(Node at, String key, Set<String> known, String where) {
        problem(at, "unknown key '" + key + "' " + where + Suggest.didYouMean(key, known)
                + (known.isEmpty() ? "" : "; expected one of " + String.join(", ", known.stream().sorted().toList())));
    }

    /**
     * The value of {@code n} for {@code key} as {@code type}, variables substituted and paths
     * resolved against this file; null after reporting what is wrong.
     */
    Object convert(Node n, String key, OptionType type) {
        if (type == OptionType.MAPPING) {
            return mapping(n, key);
        }
        if (type == OptionType.LIST && n instanceof SequenceNode) {
            List<String> items = new ArrayList<>();
            for (String item : textList(n, key)) {
                String value = substituted(n, key, item);
                if (value == null) {
                    return null;
                }
                items.add(value);
            }
            return List.copyOf(items);
        }
        if (!(n instanceof ScalarNode s)) {
            problem(n, "option '" + key + "' must be a single value: " + type.inWords());
            return null;
        }
        boolean[] secret = {false};
        String raw;
        try {
            raw = substitute(s.getValue(), secret);
        } catch (IllegalArgumentException e) {
            problem(n, "option '" + key + "': " + e.getMessage());
            return null;
        }
        try {
            Object value = type.parse(raw);
            return value instanceof Path p ? resolve(p) : value;
        } catch (IllegalArgumentException e) {
            problem(n, "option '" + key + "' must be " + type.inWords() + ", not "
                    + (secret[0] ? "<secret>" : "'" + raw + "'"));
            return null;
        }
    }

    /** A mapping of names to texts, in the order written, variables substituted; null after reporting. */
    private Map<String, String> mapping(Node n, String key) {
        if (!(n instanceof MappingNode m)) {
            problem(n, "option '" + key + "' must be " + OptionType.MAPPING.inWords() + ", written as 'name: text' lines");
            return null;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            String name = scalar(t.getKeyNode());
            String text = scalar(t.getValueNode());
            if (name == null || text == null) {
                problem(t.getValueNode(), "option '" + key + "' maps names to single values");
                return null;
            }
            String value = substituted(t.getValueNode(), key, text);
            if (value == null) {
                return null;
            }
            if (values.put(name, value) != null) {
                problem(t.getKeyNode(), "'" + name + "' is given twice in option '" + key + "'");
            }
        }
        return java.util.Collections.unmodifiableMap(values);
    }

    private String substituted(Node at, String key, String text) {
        try {
            return substitute(text, new boolean[1]);
        } catch (IllegalArgumentException e) {
            problem(at, "option '" + key + "': " + e.getMessage());
            return null;
        }
    }

    /** Puts {@code spec}'s default into {@code values} when it has one and no value is there; a path resolved here. */
    void putDefault(dev.sluice.nodetype.OptionSpec spec, java.util.Map<String, Object> values) {
        if (!values.containsKey(spec.name()) && spec.defaultValue() != null) {
            Object value = spec.type().parse(spec.defaultValue());
            values.put(spec.name(), value instanceof Path p ? resolve(p) : value);
        }
    }

    /** {@code p} against this file's directory, unless absolute. */
    Path resolve(Path p) {
        Path base = file.toAbsolutePath().getParent();
        return p.isAbsolute() || base == null ? p : base.resolve(p).normalize();
    }

    private String substitute(String value, boolean[] secret) {
        Matcher m = VAR.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            String name = m.group(2).trim();
            if (m.group(1) != null) {
                secret[0] = true;
                Path secretFile = Path.of(name);
                try {
                    replacement = Files.readString(secretFile, StandardCharsets.UTF_8).strip();
                } catch (IOException e) {
                    throw new IllegalArgumentException("cannot read the secret file " + secretFile
                            + (Files.exists(secretFile) ? " (not readable)" : " (no such file)"));
                }
            } else {
                replacement = env.apply(name);
                if (replacement == null) {
                    if (m.group(3) == null) {
                        throw new IllegalArgumentException("environment variable " + name
                                + " is not set (write ${" + name + ":-default} for a default)");
                    }
                    replacement = m.group(3);
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
