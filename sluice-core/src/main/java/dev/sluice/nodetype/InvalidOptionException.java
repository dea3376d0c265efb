package dev.sluice.nodetype;

import java.util.Objects;

/**
 * What {@link NodeType#check} throws to point at one option's value, and at a place inside it,
 * rather than at the node: a pipeline file's error then names the line and column of the problem
 * itself, as {@code sluice validate} does for an expression that does not compile.
 */
public final class InvalidOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String option;
    private final String entry;
    private final int offset;

    /**
     * @param option the option whose value is wrong
     * @param entry for a {@link OptionType#MAPPING} option, the name whose text is wrong; else null
     * @param offset the 0-based offset of the problem in the value's text, or -1 for the whole value
     * @param message what is wrong, in words for the file's author
     */
    public InvalidOptionException(String option, String entry, int offset, String message) {
        super(message);
        this.option = Objects.requireNonNull(option, "option");
        this.entry = entry;
        this.offset = offset;
    }

    /** The option. */
    public String option() {
        return option;
    }

    /** The name within a mapping option, or null. */
    public String entry() {
        return entry;
    }

    /** The 0-based offset in the value's text, or -1. */
    public int offset() {
        return offset;
    }
}
