package dev.sluice.config;

import java.util.Objects;

/**
 * One option of a node type.
 *
 * @param name the key in the file
 * @param type its type
 * @param required whether it must be given
 * @param defaultValue the value when not given (as it would be written), or null
 * @param description one line for help and the JSON schema
 */
public record OptionSpec(String name, OptionType type, boolean required, String defaultValue, String description) {
    /** Validates. */
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
    }

    /** A required option. */
    public static OptionSpec required(String name, OptionType type, String description) {
        return new OptionSpec(name, type, true, null, description);
    }

    /** An optional option with a default. */
    public static OptionSpec optional(String name, OptionType type, String defaultValue, String description) {
        return new OptionSpec(name, type, false, defaultValue, description);
    }
}
