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
     * {@code source}, the value of a node type's option {@code option} (or of its {@code entry},
     * for a mapping option), compiled by the installed language: what a node type's {@code check}
     * and {@code create} call, so that {@code sluice validate} points into the option's value.
     *
     * @throws dev.sluice.nodetype.InvalidOptionException when no language is installed (naming the
     *     module to add), or the expression is invalid (with its offset)
     */
    static Expression compileOption(String option, String entry, String source, ResultType result) {
        ExpressionLanguage language = installed().orElseThrow(() -> new dev.sluice.nodetype.InvalidOptionException(
                option, entry, -1, "expressions come with the module dev.sluice:sluice-cel, which is not on the class"
                        + " path (the distribution has it; a Java application adds the dependency)"));
        try {
            return language.compile(source, result);
        } catch (ExpressionException e) {
            throw new dev.sluice.nodetype.InvalidOptionException(option, entry, e.offset(), e.withCaret());
        }
    }

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
