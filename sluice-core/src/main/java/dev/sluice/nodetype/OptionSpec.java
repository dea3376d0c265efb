package dev.sluice.nodetype;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One option of a node type. A pipeline file's value is checked against the type, and against
 * the bounds of a whole number ({@link #between}) or the pattern of a text ({@link #matching}),
 * when the file is read: a value out of range is reported with the file, line and key, before
 * anything is built.
 *
 * @param name the key in the file
 * @param type its type
 * @param required whether it must be given
 * @param defaultValue the value when not given (as it would be written), or null
 * @param description one line for help and the JSON schema
 * @param min the least whole number allowed ({@link OptionType#INT} only)
 * @param max the greatest whole number allowed ({@link OptionType#INT} only)
 * @param pattern a regular expression the whole text must match ({@link OptionType#STRING} only), or null
 * @param patternInWords what the pattern allows, for messages ("up to 100 letters"), or null
 */
public record OptionSpec(String name, OptionType type, boolean required, String defaultValue, String description,
        long min, long max, String pattern, String patternInWords) {
    /** Validates. */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (min > max) {
            throw new IllegalArgumentException("option '" + name + "': min " + min + " is above max " + max);
        }
        if ((min != Long.MIN_VALUE || max != Long.MAX_VALUE) && type != OptionType.INT) {
            throw new IllegalArgumentException("option '" + name + "': bounds apply to whole numbers, not " + type);
        }
        if (pattern != null) {
            if (type != OptionType.STRING) {
                throw new IllegalArgumentException("option '" + name + "': a pattern applies to text, not " + type);
            }
            Pattern.compile(pattern); // fails now rather than when a file is read
        }
    }

    /** An option without bounds or pattern. */
    public OptionSpec(String name, OptionType type, boolean required, String defaultValue, String description) {
        this(name, type, required, defaultValue, description, Long.MIN_VALUE, Long.MAX_VALUE, null, null);
    }

    /** A required option. */
    public static OptionSpec required(String name, OptionType type, String description) {
        return new OptionSpec(name, type, true, null, description);
    }

    /** An optional option with a default. */
    public static OptionSpec optional(String name, OptionType type, String defaultValue, String description) {
        return new OptionSpec(name, type, false, defaultValue, description);
    }

    /** This whole-number option, allowing {@code min} to {@code max} only. */
    public OptionSpec between(long min, long max) {
        return new OptionSpec(name, type, required, defaultValue, description, min, max, pattern, patternInWords);
    }

    /** This text option, allowing only texts that {@code regex} matches whole. */
    public OptionSpec matching(String regex) {
        return matching(regex, null);
    }

    /**
     * This text option, allowing only texts that {@code regex} matches whole; {@code inWords} says
     * what that is in messages, as in "must be {@code inWords}".
     */
    public OptionSpec matching(String regex, String inWords) {
        return new OptionSpec(name, type, required, defaultValue, description, min, max, regex, inWords);
    }

    /** This option under another name and description, with the same type, default and checks. */
    public OptionSpec renamed(String newName, String newDescription) {
        return new OptionSpec(newName, type, required, defaultValue, newDescription, min, max, pattern, patternInWords);
    }

    /**
     * Why {@code value} (already of this option's type) is not allowed, or null if it is: for
     * messages like "option 'partitions' must be 1 to 1000000".
     */
    public String rejects(Object value) {
        if (value instanceof Long n && (n < min || n > max)) {
            return max == Long.MAX_VALUE ? "at least " + min
                    : min == Long.MIN_VALUE ? "at most " + max : min + " to " + max;
        }
        if (pattern != null && value instanceof String s && !s.matches(pattern)) {
            return patternInWords != null ? patternInWords : "text matching " + pattern;
        }
        return null;
    }
}
