package dev.sluice.cel;

import dev.cel.common.types.CelType;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CEL's messages in the words of a pipeline file: operators as written ({@code '+'}, not
 * {@code '_+_'}), without the container, overload identifiers and protobuf type names that say
 * nothing to the file's author.
 */
final class CelMessages {
    private static final Pattern OPERATOR = Pattern.compile("'_([^'\\s]{1,3})_'");
    private static final Pattern AT = Pattern.compile("evaluation error at <input>:(\\d+): ");
    private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']*)'");
    private static final Pattern MISSING_KEY = Pattern.compile("key '([^']*)' is not present in map\\.?");

    private CelMessages() {}

    static String compileError(String message) {
        String m = message
                .replace(" (in container '')", "")
                .replaceAll(" \\(candidates: .*\\)$", "")
                .replace("google.protobuf.Timestamp", "timestamp")
                .replace("google.protobuf.Duration", "duration");
        m = OPERATOR.matcher(m).replaceAll(r -> Matcher.quoteReplacement("'" + (r.group(1).equals("?_:") ? "?:" : r.group(1)) + "'"));
        Matcher undeclared = UNDECLARED.matcher(m);
        if (undeclared.matches()) {
            m = "unknown name '" + undeclared.group(1) + "': the item is 'row' (a field of it: row." + undeclared.group(1)
                    + ") or 'item'; the functions are listed in docs/pipelines.md";
        }
        if (m.contains("no matching overload")) {
            m += "; numbers of different kinds do not mix in arithmetic: write double(row.x) or int(row.x)";
        }
        return m;
    }

    static String evaluationError(String message) {
        String m = AT.matcher(message).replaceFirst("");
        if (m.startsWith("For input string: ")) { // int('hot'), double('x'): Java's words for a bad number
            return m.replaceFirst("For input string: \"?(.*?)\"?$", "'$1' is not a number");
        }
        Matcher missing = MISSING_KEY.matcher(m);
        if (missing.find()) {
            return "no field '" + missing.group(1) + "'";
        }
        m = m.replaceAll("\\. Overload candidates: .*$", "")
                .replace("No matching overload for function", "no way to apply");
        m = OPERATOR.matcher(m).replaceAll(r -> Matcher.quoteReplacement("'" + r.group(1) + "'"));
        if (m.startsWith("no way to apply")) {
            m += " to values of these types (numbers of different kinds do not mix: write double(row.x) or int(row.x))";
        }
        return m;
    }

    /** The 0-based offset CEL gives in an evaluation error, or -1. */
    static int offset(String message) {
        Matcher m = AT.matcher(message == null ? "" : message);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    /** A type as CEL writes it in the language: {@code string}, {@code map(string, dyn)}. */
    static String type(CelType type) {
        return compileError(type.name() + (type.parameters().isEmpty() ? ""
                : "(" + String.join(", ", type.parameters().stream().map(CelMessages::type).toList()) + ")"));
    }
}
