package dev.sluice.yaml;

import dev.sluice.nodetype.DeadLetterType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.yaml.spec.ErrorPolicySpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * A node's {@code on_error}: {@code fail}, {@code skip}, a dead-letter destination such as
 * {@code {dead_letter_file: PATH}} (any {@link DeadLetterType} on the class path), or
 * {@code {retry: {attempts: N, backoff: D, max_backoff: D}, then: one of those}}.
 */
final class ErrorPolicyParser {
    private static final Set<String> RETRY_KEYS = Set.of("attempts", "backoff", "max_backoff");

    private final YamlReader yaml;
    private final NodeTypes types;

    ErrorPolicyParser(YamlReader yaml, NodeTypes types) {
        this.yaml = yaml;
        this.types = types;
    }

    /** The policy, or null after reporting what is wrong. */
    ErrorPolicySpec parse(Node v) {
        String word = YamlReader.scalar(v);
        if ("fail".equals(word)) {
            return ErrorPolicySpec.FAIL;
        }
        if ("skip".equals(word)) {
            return new ErrorPolicySpec.Skip();
        }
        if (!(v instanceof MappingNode m)) {
            yaml.problem(v, "'on_error' is fail, skip, " + destinationsInWords()
                    + " or {retry: {attempts: N, backoff: 100ms, max_backoff: 10s}, then: one of those}");
            return null;
        }
        Map<String, Node> keys = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            keys.put(String.valueOf(YamlReader.scalar(t.getKeyNode())), t.getValueNode());
        }
        if (keys.containsKey("retry")) {
            for (NodeTuple t : m.getValue()) {
                String key = String.valueOf(YamlReader.scalar(t.getKeyNode()));
                if (!key.equals("retry") && !key.equals("then")) {
                    yaml.unknownKey(t.getKeyNode(), key, Set.of("retry", "then"), "in 'on_error' with 'retry'");
                    return null;
                }
            }
            return retry(keys.get("retry"), keys.get("then"));
        }
        for (NodeTuple t : m.getValue()) {
            String key = String.valueOf(YamlReader.scalar(t.getKeyNode()));
            var destination = types.deadLetterType(key);
            if (destination.isPresent()) {
                return deadLetter(destination.get(), m);
            }
            var module = types.missingModule(key);
            if (module.isPresent()) {
                yaml.problem(t.getKeyNode(), "'" + key + "' comes with the module dev.sluice:" + module.get()
                        + ", which is not on the class path: add it to the dependencies (the sluice command has it)");
                return null;
            }
        }
        Set<String> known = new TreeSet<>(Set.of("retry", "then"));
        types.deadLetterTypes().forEach(d -> known.add(d.name()));
        NodeTuple first = m.getValue().isEmpty() ? null : m.getValue().get(0);
        if (first == null) {
            yaml.problem(v, "'on_error' is fail, skip, " + destinationsInWords() + " or {retry: ..., then: ...}");
        } else {
            yaml.unknownKey(first.getKeyNode(), String.valueOf(YamlReader.scalar(first.getKeyNode())), known,
                    "in 'on_error'");
        }
        return null;
    }

    private String destinationsInWords() {
        StringBuilder sb = new StringBuilder();
        for (DeadLetterType d : types.deadLetterTypes()) {
            sb.append('{');
            for (OptionSpec o : d.options()) {
                if (sb.charAt(sb.length() - 1) != '{') {
                    sb.append(", ");
                }
                sb.append(o.name()).append(": ").append(o.type() == OptionType.STRING ? "text" : o.type().name().toLowerCase(java.util.Locale.ROOT));
            }
            sb.append("}, ");
        }
        return sb.isEmpty() ? "a dead-letter destination" : sb.substring(0, sb.length() - 2);
    }

    private ErrorPolicySpec deadLetter(DeadLetterType destination, MappingNode m) {
        Map<String, OptionSpec> specs = new LinkedHashMap<>();
        destination.options().forEach(o -> specs.put(o.name(), o));
        Map<String, Object> values = new LinkedHashMap<>();
        boolean ok = true;
        for (NodeTuple t : m.getValue()) {
            String key = String.valueOf(YamlReader.scalar(t.getKeyNode()));
            OptionSpec spec = specs.get(key);
            if (spec == null) {
                yaml.unknownKey(t.getKeyNode(), key, specs.keySet(), "in 'on_error' with '" + destination.name() + "'");
                ok = false;
                continue;
            }
            Object value = yaml.convert(t.getValueNode(), key, spec.type());
            String wanted = value == null ? null : spec.rejects(value);
            if (wanted != null) {
                yaml.problem(t.getValueNode(), "'" + key + "' must be " + wanted + ": " + value);
            }
            ok &= value != null && wanted == null;
            if (value != null) {
                values.put(key, value);
            }
        }
        specs.values().forEach(spec -> yaml.putDefault(spec, values));
        return ok ? new ErrorPolicySpec.DeadLetter(destination.name(), values) : null;
    }

    private ErrorPolicySpec retry(Node retry, Node then) {
        long attempts = 3;
        Duration backoff = Duration.ofMillis(100);
        Duration maxBackoff = Duration.ofSeconds(10);
        if (!(retry instanceof MappingNode m)) {
            yaml.problem(retry, "'retry' is a mapping: {attempts: N, backoff: 100ms, max_backoff: 10s}");
            return null;
        }
        for (NodeTuple t : m.getValue()) {
            String key = String.valueOf(YamlReader.scalar(t.getKeyNode()));
            switch (key) {
                case "attempts" -> {
                    Object n = yaml.convert(t.getValueNode(), key, OptionType.INT);
                    if (n == null) {
                        return null;
                    }
                    if ((Long) n < 1 || (Long) n > 1000) {
                        yaml.problem(t.getValueNode(), "'attempts' counts every try, the first included: 1 to 1000");
                        return null;
                    }
                    attempts = (Long) n;
                }
                case "backoff" -> backoff = (Duration) java.util.Objects.requireNonNullElse(
                        yaml.convert(t.getValueNode(), key, OptionType.DURATION), backoff);
                case "max_backoff" -> maxBackoff = (Duration) java.util.Objects.requireNonNullElse(
                        yaml.convert(t.getValueNode(), key, OptionType.DURATION), maxBackoff);
                default -> {
                    yaml.unknownKey(t.getKeyNode(), key, RETRY_KEYS, "in 'retry'");
                    return null;
                }
            }
        }
        if (maxBackoff.compareTo(backoff) < 0) {
            yaml.problem(retry, "'max_backoff' must be at least 'backoff'");
            return null;
        }
        ErrorPolicySpec exhausted = then == null ? ErrorPolicySpec.FAIL : parse(then);
        if (exhausted instanceof ErrorPolicySpec.Retry) {
            yaml.problem(then, "'then' says what happens when the retries run out: not another retry");
            return null;
        }
        return exhausted == null ? null : new ErrorPolicySpec.Retry((int) attempts, backoff, maxBackoff, exhausted);
    }
}
