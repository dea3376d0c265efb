package dev.sluice.expression;

import java.util.Objects;

/**
 * An expression that does not compile, or cannot be evaluated for an item. The message says what,
 * in words for the pipeline file's author; {@link #offset()} says where in the expression.
 */
public final class ExpressionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** Why an expression failed. */
    public enum Reason {
        /** It does not parse or type-check: found when the file is validated. */
        INVALID,
        /** It reads a field the item does not have: a filter drops such an item unless strict. */
        MISSING_FIELD,
        /** A value has a type the expression cannot take, or a function failed on it. */
        FAILED
    }

    private final Reason reason;
    private final String source;
    private final int offset;

    /**
     * @param reason why
     * @param source the expression
     * @param offset the 0-based offset in {@code source} of the problem, or -1 when unknown
     * @param message what is wrong, without the expression (added here)
     */
    public ExpressionException(Reason reason, String source, int offset, String message) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.source = Objects.requireNonNull(source, "source");
        this.offset = offset;
    }

    /** Why it failed. */
    public Reason reason() {
        return reason;
    }

    /** The expression. */
    public String source() {
        return source;
    }

    /** The 0-based offset of the problem in {@link #source()}, or -1 when unknown. */
    public int offset() {
        return offset;
    }

    /**
     * The message, then for a problem at a known place the expression's line with a caret under
     * it, as compilers show it.
     */
    public String withCaret() {
        if (offset < 0 || offset > source.length()) {
            return getMessage() + " in '" + source + "'";
        }
        int start = source.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
        if (offset > 0 && source.charAt(offset - 1) == '\n') {
            start = offset;
        }
        int end = source.indexOf('\n', offset);
        String line = source.substring(start, end < 0 ? source.length() : end);
        return getMessage() + "\n    " + line + "\n    " + " ".repeat(offset - start) + "^";
    }
}
