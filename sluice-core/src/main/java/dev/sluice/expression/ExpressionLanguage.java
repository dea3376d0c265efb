package dev.sluice.expression;

import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A language of expressions on items, in which pipeline files compute: the {@code expression} of
 * {@code filter} and {@code map}. The engine has none of its own: {@code dev.sluice:sluice-cel}
 * provides Google's Common Expression Language, found through {@link ServiceLoader}, so the core
 * stays free of its dependencies and a file that uses no expression runs without it.
 *
 * <p>An expression sees the item as {@code row} (its fields, when it is a row; no fields
 * otherwise) and as {@code item} (the item itself: text, a number, bytes, a row). It is compiled
 * once, when a file is validated or a node is built; evaluating it does no parsing or reflection.
 */
public interface ExpressionLanguage {
    /** The language's name, for messages: {@code "CEL"}. */
    String name();

    /**
     * Parses and type-checks {@code source} as an expression whose value is of type {@code result}.
     *
     * @throws ExpressionException with {@link ExpressionException.Reason#INVALID} and the offset
     *     of the first problem in {@code source}
     */
    Expression compile(String source, ResultType result);

    /**
     * The language installed with the application: the first one {@link ServiceLoader} finds,
     * or empty when no module providing one is on the class or module path.
     */
    static Optional<ExpressionLanguage> installed() {
        return ServiceLoader.load(ExpressionLanguage.class, ExpressionLanguage.class.getClassLoader()).findFirst();
    }

    /** What an expression's value must be, checked when it is compiled where the language can tell. */
    enum ResultType {
        /** {@code true} or {@code false}: a filter's condition. */
        BOOLEAN("true or false"),
        /** A row: a map of field names to values, as {@code {"a": row.b}} makes. */
        ROW("a row (a map like {\"name\": row.name})"),
        /** Any value: a computed field. */
        VALUE("a value");

        private final String inWords;

        ResultType(String inWords) {
            this.inWords = inWords;
        }

        /** For messages: "true or false". */
        public String inWords() {
            return inWords;
        }
    }
}
