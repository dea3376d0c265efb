package dev.sluice.cel;

import dev.cel.common.CelErrorCode;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelVariableResolver;
import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionException;
import java.util.Map;
import java.util.Optional;

/** A compiled CEL program: evaluation converts only the fields the expression reads. */
final class CelExpression implements Expression {
    private static final Map<String, Object> NO_FIELDS = Map.of();

    private final String source;
    private final CelRuntime.Program program;
    private final FastPath.Eval fast;

    /** {@code fast}: the expression as closures, or null when CEL's program evaluates every item. */
    CelExpression(String source, CelRuntime.Program program, FastPath.Eval fast) {
        this.source = source;
        this.program = program;
        this.fast = fast;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public Object evaluate(Object item) {
        if (fast != null) {
            try {
                return CelValues.out(fast.eval(item instanceof Map<?, ?> m ? m : null, item));
            } catch (RuntimeException notPlain) {
                // FastPath.FALLBACK, or anything unforeseen: CEL's program decides, value or error
            }
        }
        Object row = item instanceof Map<?, ?> m ? CelValues.view(m) : NO_FIELDS;
        CelVariableResolver vars = name -> switch (name) {
            case "row" -> Optional.of(row);
            case "item" -> Optional.of(item instanceof Map<?, ?> ? row : CelValues.in(item));
            default -> Optional.empty();
        };
        try {
            return CelValues.out(program.eval(vars));
        } catch (CelEvaluationException e) {
            boolean missing = e.getErrorCode() == CelErrorCode.ATTRIBUTE_NOT_FOUND;
            // a helper's own failure (a time that does not parse) comes wrapped; its message says more
            String why = e.getCause() instanceof IllegalArgumentException helper && helper.getMessage() != null
                    ? helper.getMessage() : CelMessages.evaluationError(e.getMessage());
            throw new ExpressionException(missing ? ExpressionException.Reason.MISSING_FIELD : ExpressionException.Reason.FAILED,
                    source, CelMessages.offset(e.getMessage()), why + " (in '" + source + "')");
        } catch (RuntimeException e) { // a failure CEL did not wrap
            throw new ExpressionException(ExpressionException.Reason.FAILED, source, -1,
                    (e.getMessage() == null ? "the expression failed" : e.getMessage()) + " (in '" + source + "')");
        }
    }

    /** Whether the expression has closures for its plain cases: for tests. */
    boolean onFastPath() {
        return fast != null;
    }

    @Override
    public String toString() {
        return source;
    }
}
