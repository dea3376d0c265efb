package dev.sluice.yaml.types;

import dev.sluice.Pipe;
import dev.sluice.Row;
import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionException;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static dev.sluice.expression.ExpressionLanguage.ResultType.BOOLEAN;

/**
 * {@code filter}: keeps the items for which an expression holds ({@code row.temp > 30 && has(row.site)}),
 * or whose field compares as asked with a value. An item without a field the expression reads is
 * dropped, unless {@code strict} makes that an error for the node's {@code on_error}.
 */
public final class Filter extends AbstractNodeType implements OperatorType {
    /** For the service loader. */
    public Filter() {
        super("filter", "keeps the items for which an expression holds, or whose field compares as asked with a value",
                OptionSpec.optional("expression", OptionType.STRING, null,
                        "a condition on the item: row.temp > 30 && has(row.site) (CEL; or field, op and value)"),
                OptionSpec.optional("strict", OptionType.BOOLEAN, "false",
                        "an item without a field the expression reads is an error rather than dropped"),
                OptionSpec.optional("field", OptionType.STRING, null, "the field to compare"),
                OptionSpec.optional("op", OptionType.STRING, null,
                        "==, !=, <, <=, >, >= (as numbers when both sides are numbers, else as text), contains,"
                                + " or matches (a regular expression)")
                        .matching("==|!=|<|<=|>|>=|contains|matches", "one of ==, !=, <, <=, >, >=, contains, matches"),
                OptionSpec.optional("value", OptionType.STRING, null, "what the field is compared with"));
    }

    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        check(o);
        if (o.has("expression")) {
            return input.filter(test(Expressions.compile("expression", null, o.string("expression"), BOOLEAN),
                    o.bool("strict")));
        }
        return input.filter(test(o.string("field"), o.string("op"), o.string("value")));
    }

    @Override
    public void check(NodeOptions o) {
        boolean comparison = o.has("field") || o.has("op") || o.has("value");
        if (o.has("expression")) {
            if (comparison) {
                throw new IllegalArgumentException("give either 'expression' or 'field', 'op' and 'value', not both");
            }
            Expressions.compile("expression", null, o.string("expression"), BOOLEAN);
            return;
        }
        for (String needed : new String[] {"field", "op", "value"}) {
            if (!o.has(needed)) {
                throw new IllegalArgumentException(comparison ? "a comparison needs 'field', 'op' and 'value': '"
                        + needed + "' is missing" : "needs 'expression' (row.temp > 30) or 'field', 'op' and 'value'");
            }
        }
        if (o.string("op").equals("matches")) {
            try {
                Pattern.compile(o.string("value"));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("'value' is not a regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
    }

    private static Predicate<Object> test(Expression condition, boolean strict) {
        return item -> {
            Object holds;
            try {
                holds = condition.evaluate(item);
            } catch (ExpressionException e) {
                if (!strict && e.reason() == ExpressionException.Reason.MISSING_FIELD) {
                    return false;
                }
                throw e;
            }
            if (holds instanceof Boolean b) {
                return b;
            }
            throw new ExpressionException(ExpressionException.Reason.FAILED, condition.source(), -1,
                    "the condition gave " + Row.json(holds) + ", not true or false (in '" + condition.source() + "')");
        };
    }

    private static Predicate<Object> test(String field, String op, String value) {
        Pattern regex = op.equals("matches") ? Pattern.compile(value) : null;
        Double number = number(value);
        return item -> {
            String actual = String.valueOf(Row.field(item, field));
            return switch (op) {
                case "contains" -> actual.contains(value);
                case "matches" -> regex.matcher(actual).matches();
                default -> {
                    Double a = number(actual);
                    int c = a != null && number != null ? Double.compare(a, number) : actual.compareTo(value);
                    yield switch (op) {
                        case "==" -> c == 0;
                        case "!=" -> c != 0;
                        case "<" -> c < 0;
                        case "<=" -> c <= 0;
                        case ">" -> c > 0;
                        default -> c >= 0;
                    };
                }
            };
        };
    }

    private static Double number(String s) {
        try {
            return Double.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A comparison reads a field of a row; an expression may read the item itself ({@code item}). */
    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return o.has("expression") ? Set.of(ItemType.ANY) : Set.of(ItemType.ROW);
    }
}
