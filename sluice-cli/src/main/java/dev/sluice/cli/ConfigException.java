package dev.sluice.cli;

import java.util.List;

/**
 * A pipeline file that cannot be used: every problem found, each starting with
 * {@code file:line:column:} and naming the key.
 */
public final class ConfigException extends Exception {
    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, one line each. */
    public List<String> problems() {
        return problems;
    }
}
