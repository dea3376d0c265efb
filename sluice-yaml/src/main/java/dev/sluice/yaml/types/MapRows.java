package dev.sluice.yaml.types;

import dev.sluice.Pipe;
import dev.sluice.Row;
import dev.sluice.expression.Expression;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import static dev.sluice.expression.ExpressionLanguage.ResultType.ROW;
import static dev.sluice.expression.ExpressionLanguage.ResultType.VALUE;

/**
 * {@code map}: builds or reshapes a row with expressions. {@code expression} makes a whole new row
 * ({@code {"site": row.site, "temp_f": double(row.temp) * 1.8 + 32.0}}); {@code set} computes
 * fields onto the row, in the order written; {@code remove} drops fields. Every expression reads
 * the item as it came in, so {@code set} entries do not see each other. An item missing a field an
 * expression reads fails, for the node's {@code on_error}: write {@code has(row.x) ? row.x : 0}
 * or {@code row.?x.orValue(0)} for a field that may be absent.
 */
public final class MapRows extends AbstractNodeType implements OperatorType {
    /** For the service loader. */
    public MapRows() {
        super("map", "builds or reshapes a row with expressions: a new row, computed fields, removed fields",
                OptionSpec.optional("expression", OptionType.STRING, null,
                        "the new row: {\"site\": row.site, \"temp_f\": double(row.temp) * 1.8 + 32.0} (CEL)"),
                OptionSpec.optional("set", OptionType.MAPPING, null,
                        "fields to compute onto the row, each 'name: expression', in order"),
                OptionSpec.optional("remove", OptionType.LIST, "", "fields to drop, after 'set'"));
    }

    @Override
    public void check(NodeOptions o) {
        if (!o.has("expression") && !o.has("set") && o.list("remove").isEmpty()) {
            throw new IllegalArgumentException("needs 'expression' (a new row), 'set' (computed fields) or 'remove'");
        }
        compiled(o);
    }

    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        check(o);
        return input.map(compiled(o));
    }

    private static Function<Object, Object> compiled(NodeOptions o) {
        Expression whole = o.has("expression") ? Expressions.compile("expression", null, o.string("expression"), ROW) : null;
        List<String> names = new ArrayList<>();
        List<Expression> values = new ArrayList<>();
        if (o.has("set")) {
            for (Map.Entry<String, String> e : o.mapping("set").entrySet()) {
                names.add(e.getKey());
                values.add(Expressions.compile("set", e.getKey(), e.getValue(), VALUE));
            }
        }
        List<String> removed = o.list("remove");
        return item -> {
            Row out;
            if (whole != null) {
                Object value = whole.evaluate(item);
                if (!(value instanceof Map<?, ?> made)) {
                    throw new IllegalArgumentException("the expression gave " + Row.json(value) + ", not a row (in '"
                            + whole.source() + "')");
                }
                out = new Row();
                made.forEach((k, v) -> out.put(String.valueOf(k), v));
            } else if (item instanceof Map<?, ?> m) {
                out = new Row();
                m.forEach((k, v) -> out.put(String.valueOf(k), v));
            } else {
                throw new IllegalArgumentException("not a row, so it has no fields to set or remove: " + Row.text(item)
                        + " (give 'expression' to make a row of it)");
            }
            for (int i = 0; i < names.size(); i++) {
                out.put(names.get(i), values.get(i).evaluate(item));
            }
            removed.forEach(out::remove);
            return out;
        };
    }

    /** Without {@code expression}, fields are set on rows; an expression may read any item ({@code item}). */
    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return o.has("expression") ? Set.of(ItemType.ANY) : Set.of(ItemType.ROW);
    }

    @Override
    public ItemType produces(NodeOptions o) {
        return ItemType.ROW;
    }
}
