package dev.sluice.yaml.types;

import dev.sluice.Pipe;
import dev.sluice.Row;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** {@code filter}: keeps the rows whose field compares as asked with a value. */
public final class Filter extends AbstractNodeType implements OperatorType {
    /** For the service loader. */
    public Filter() {
        super("filter", "keeps the items whose field compares as asked with a value",
                OptionSpec.required("field", OptionType.STRING, "the field to compare"),
                OptionSpec.required("op", OptionType.STRING,
                        "==, !=, <, <=, >, >= (as numbers when both sides are numbers, else as text), contains,"
                                + " or matches (a regular expression)")
                        .matching("==|!=|<|<=|>|>=|contains|matches", "one of ==, !=, <, <=, >, >=, contains, matches"),
                OptionSpec.required("value", OptionType.STRING, "what the field is compared with"));
    }

    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        return input.filter(test(o.string("field"), o.string("op"), o.string("value")));
    }

    @Override
    public void check(NodeOptions o) {
        if (o.string("op").equals("matches")) {
            try {
                Pattern.compile(o.string("value"));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException("'value' is not a regular expression: " + e.getDescription()
                        + " near index " + e.getIndex());
            }
        }
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

    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return Set.of(ItemType.ROW);
    }
}
