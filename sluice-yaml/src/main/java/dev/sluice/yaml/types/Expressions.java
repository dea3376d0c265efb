package dev.sluice.yaml.types;

import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionLanguage;

/** Compiling the expressions of a node's options, with errors that point into the option's value. */
final class Expressions {
    private Expressions() {}

    /** See {@link ExpressionLanguage#compileOption}. */
    static Expression compile(String option, String entry, String source, ExpressionLanguage.ResultType result) {
        return ExpressionLanguage.compileOption(option, entry, source, result);
    }
}
