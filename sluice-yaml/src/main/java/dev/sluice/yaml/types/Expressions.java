package dev.sluice.yaml.types;

import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionException;
import dev.sluice.expression.ExpressionLanguage;
import dev.sluice.nodetype.InvalidOptionException;

/** Compiling the expressions of a node's options, with errors that point into the option's value. */
final class Expressions {
    private Expressions() {}

    /**
     * {@code source}, the value of {@code option} (or of its {@code entry}), compiled.
     *
     * @throws InvalidOptionException when no language is installed, or the expression is invalid
     */
    static Expression compile(String option, String entry, String source, ExpressionLanguage.ResultType result) {
        ExpressionLanguage language = ExpressionLanguage.installed().orElseThrow(() -> new InvalidOptionException(option,
                entry, -1, "expressions come with the module dev.sluice:sluice-cel, which is not on the class path"
                        + " (the distribution has it; a Java application adds the dependency)"));
        try {
            return language.compile(source, result);
        } catch (ExpressionException e) {
            throw new InvalidOptionException(option, entry, e.offset(), e.withCaret());
        }
    }
}
