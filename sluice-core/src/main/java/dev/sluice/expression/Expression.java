package dev.sluice.expression;

/**
 * A compiled expression (see {@link ExpressionLanguage}). Thread-safe: a node may evaluate it from
 * several threads at once.
 */
public interface Expression {
    /** The expression as written. */
    String source();

    /**
     * The expression's value for {@code item}, in the engine's types: {@code Long}, {@code Double},
     * {@code String}, {@code Boolean}, {@code byte[]}, {@link java.time.Instant},
     * {@link java.time.Duration}, {@code List}, a {@link dev.sluice.Row} for a map, or null.
     *
     * @throws ExpressionException when it cannot be evaluated for this item: a field it reads is
     *     missing ({@link ExpressionException.Reason#MISSING_FIELD}) or a value has a type the
     *     expression cannot take ({@link ExpressionException.Reason#FAILED})
     */
    Object evaluate(Object item);
}
