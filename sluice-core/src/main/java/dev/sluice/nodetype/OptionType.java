package dev.sluice.nodetype;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The type of a node option, as written in a pipeline file, and how its text is read. */
public enum OptionType {
    /** Text. */
    STRING("text"),
    /** A whole number: a {@code Long}. */
    INT("a whole number"),
    /** A decimal number: a {@code Double}. */
    DOUBLE("a number"),
    /** {@code true} or {@code false}. */
    BOOLEAN("true or false"),
    /** A duration: {@code 500ms}, {@code 2s}, {@code 5m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT2S}). */
    DURATION("a duration like 500ms, 2s, 5m, 1h"),
    /** A file system path, relative to the pipeline file that gives it. */
    PATH("a path"),
    /** One character ({@code \t} for a tab): a {@code Character}. */
    CHAR("a single character"),
    /**
     * A list of texts: an unmodifiable {@code List<String>}, written as a YAML list or as one text
     * of comma-separated items.
     */
    LIST("a list of texts"),
    /**
     * Names mapped to texts, in the order written: an unmodifiable {@code Map<String, String>}, as
     * {@code map}'s {@code set} maps fields to expressions. Only a YAML mapping gives one.
     */
    MAPPING("a mapping of names to texts");

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,18})(ms|s|m|h|d)");

    private final String inWords;

    OptionType(String inWords) {
        this.inWords = inWords;
    }

    /**
     * The value {@code text} stands for, as this type: a {@code String}, {@code Long},
     * {@code Double}, {@code Boolean}, {@link Duration}, {@link Path} (as written, not resolved),
     * {@code Character} or {@code List<String>} (items separated by commas). No text stands for a
     * {@link #MAPPING}.
     *
     * @throws IllegalArgumentException if the text is not a value of this type (its message is the text)
     */
    public Object parse(String text) {
        String t = text.trim();
        try {
            return switch (this) {
                case STRING -> text;
                case INT -> Long.parseLong(t);
                case DOUBLE -> Double.parseDouble(t);
                case BOOLEAN -> switch (t) {
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> throw new IllegalArgumentException(text);
                };
                case DURATION -> duration(t);
                case PATH -> Path.of(text);
                case CHAR -> {
                    String c = text.equals("\\t") ? "\t" : text;
                    if (c.length() != 1) {
                        throw new IllegalArgumentException(text);
                    }
                    yield c.charAt(0);
                }
                case LIST -> t.isEmpty() ? java.util.List.of()
                        : java.util.Arrays.stream(t.split(",", -1)).map(String::trim).toList();
                case MAPPING -> throw new IllegalArgumentException(text);
            };
        } catch (NumberFormatException | DateTimeParseException | InvalidPathException | ArithmeticException e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private static Duration duration(String s) {
        Matcher m = SHORT_DURATION.matcher(s);
        if (!m.matches()) {
            return Duration.parse(s);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    /** What a value of this type is, for messages: "a whole number", "a duration like 500ms, 2s, 5m, 1h". */
    public String inWords() {
        return inWords;
    }
}
