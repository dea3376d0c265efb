package dev.sluice.yaml;

import java.util.List;

/**
 * A pipeline or test file that cannot be used: every problem found, each starting with
 * {@code file:line:column:} and naming the key.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> problems;

    /** The problems, one line each. */
    public ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one line each. */
    public List<String> problems() {
        return problems;
    }
}
