package dev.sluice.yaml.types;

import dev.sluice.Pipe;
import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionException;
import dev.sluice.expression.ExpressionLanguage;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.InvalidOptionException;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code switch}: routes each item to the output of the first case whose condition holds, or to
 * {@code default}. Edges name the outputs: {@code route.hot -> alerts}, {@code route.default -> archive}.
 * Each condition is evaluated once per item at most, in order; an item without a field a
 * condition reads does not match that case, unless {@code strict} makes that an error.
 */
public final class Switch extends AbstractNodeType implements OperatorType {
    private static final Pattern PORT = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** For the service loader. */
    public Switch() {
        super("switch", "routes each item to the output of the first case that holds, or to 'default'",
                OptionSpec.required("cases", OptionType.MAPPING,
                        "each 'output: condition', in order: hot: row.temp > 30 (edges name them: route.hot -> alerts)"),
                OptionSpec.optional("strict", OptionType.BOOLEAN, "false",
                        "an item without a field a condition reads is an error rather than no match"));
    }

    @Override
    public List<String> ports(NodeOptions o) {
        List<String> ports = new ArrayList<>(o.mapping("cases").keySet());
        ports.add("default");
        return ports;
    }

    @Override
    public void check(NodeOptions o) {
        if (o.mapping("cases").isEmpty()) {
            throw new IllegalArgumentException("needs at least one case: {hot: row.temp > 30}");
        }
        compile(o);
    }

    private static List<Expression> compile(NodeOptions o) {
        List<Expression> cases = new ArrayList<>();
        for (Map.Entry<String, String> c : o.mapping("cases").entrySet()) {
            if (!PORT.matcher(c.getKey()).matches() || c.getKey().equals("default")) {
                throw new InvalidOptionException("cases", c.getKey(), -1, "'" + c.getKey() + "' cannot name an output:"
                        + " a letter, then letters, digits, '_' or '-'; 'default' is the output of what no case takes");
            }
            cases.add(Expressions.compile("cases", c.getKey(), c.getValue(), ExpressionLanguage.ResultType.BOOLEAN));
        }
        return cases;
    }

    /** An item and the output it goes to. */
    private record Routed(int port, Object item) {}

    @Override
    public Map<String, Pipe<?>> createPorts(Pipe<Object> input, NodeOptions o) {
        check(o);
        List<Expression> cases = compile(o);
        boolean strict = o.bool("strict");
        // one stage decides, evaluating each condition once at most; one filter per output takes its items
        Pipe<Routed> routed = input.map(item -> new Routed(route(cases, item, strict), item))
                .named(o.nodeName()).errorPolicy(o.onError());
        Map<String, Pipe<?>> outputs = new LinkedHashMap<>();
        List<String> ports = ports(o);
        for (int i = 0; i < ports.size(); i++) {
            int port = i;
            outputs.put(ports.get(i), routed.filter(r -> r.port == port).map(Routed::item)
                    .named(o.nodeName() + "." + ports.get(i)));
        }
        return outputs;
    }

    private static int route(List<Expression> cases, Object item, boolean strict) {
        for (int i = 0; i < cases.size(); i++) {
            Object holds;
            try {
                holds = cases.get(i).evaluate(item);
            } catch (ExpressionException e) {
                if (!strict && e.reason() == ExpressionException.Reason.MISSING_FIELD) {
                    continue;
                }
                throw e;
            }
            if (Boolean.TRUE.equals(holds)) {
                return i;
            }
            if (!(holds instanceof Boolean)) {
                throw new ExpressionException(ExpressionException.Reason.FAILED, cases.get(i).source(), -1,
                        "the condition gave " + dev.sluice.Row.json(holds) + ", not true or false (in '"
                                + cases.get(i).source() + "')");
            }
        }
        return cases.size(); // default
    }

    /** Not called: a switch's outputs are its ports. */
    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        throw new UnsupportedOperationException("switch has named outputs: createPorts makes them");
    }
}
