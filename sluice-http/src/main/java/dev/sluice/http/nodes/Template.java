package dev.sluice.http.nodes;

import dev.sluice.Row;
import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionLanguage;
import dev.sluice.nodetype.InvalidOptionException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Text with expressions in braces, filled in per row: {@code http://users/{row.id}?lang={row.lang}}.
 * Each expression is compiled once; in a URL its value is percent-encoded, so a name with a space
 * or a slash stays one path segment.
 */
final class Template {
    private final String source;
    private final List<Object> parts; // String literals and Expressions, in order
    private final UnaryOperator<String> encode;

    private Template(String source, List<Object> parts, UnaryOperator<String> encode) {
        this.source = source;
        this.parts = parts;
        this.encode = encode;
    }

    /** A URL template: values percent-encoded. */
    static Template url(String option, String source) {
        return parse(option, null, source, v -> URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** A header's template ({@code entry} is the header's name): values as they are. */
    static Template text(String option, String entry, String source) {
        return parse(option, entry, source, UnaryOperator.identity());
    }

    private static Template parse(String option, String entry, String source, UnaryOperator<String> encode) {
        List<Object> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (c != '{') {
                literal.append(c);
                i++;
                continue;
            }
            int end = closing(source, i);
            if (end < 0) {
                throw new InvalidOptionException(option, entry, i, "this { has no }: expressions go in braces, {row.id}");
            }
            if (!literal.isEmpty()) {
                parts.add(literal.toString());
                literal.setLength(0);
            }
            String expression = source.substring(i + 1, end);
            parts.add(compile(option, entry, expression, i + 1));
            i = end + 1;
        }
        if (!literal.isEmpty()) {
            parts.add(literal.toString());
        }
        return new Template(source, List.copyOf(parts), encode);
    }

    /** The expression in braces at {@code at} of the option's text; a problem points into the whole text. */
    private static Expression compile(String option, String entry, String expression, int at) {
        try {
            return ExpressionLanguage.compileOption(option, entry, expression, ExpressionLanguage.ResultType.VALUE);
        } catch (InvalidOptionException e) {
            throw new InvalidOptionException(option, entry, at + Math.max(0, e.offset()), e.getMessage());
        }
    }

    /** The brace closing the one at {@code open}, past nested braces and quoted text; -1 if none. */
    private static int closing(String s, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == '\\') {
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Whether the text has expressions: a constant template is the same for every row. */
    boolean constant() {
        return parts.stream().allMatch(p -> p instanceof String);
    }

    /** The text for {@code item}. */
    String fill(Object item) {
        StringBuilder s = new StringBuilder();
        for (Object part : parts) {
            if (part instanceof String literal) {
                s.append(literal);
            } else {
                Expression e = (Expression) part;
                Object value = e.evaluate(item);
                if (value == null) {
                    throw new IllegalArgumentException("{" + e.source() + "} is null in '" + source + "'");
                }
                s.append(encode.apply(Row.text(value)));
            }
        }
        return s.toString();
    }

    @Override
    public String toString() {
        return source;
    }
}
