package dev.sluice.cel;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelKind;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionException;
import dev.sluice.expression.ExpressionLanguage;
import java.time.Clock;

/**
 * Google's Common Expression Language (<a href="https://cel.dev">cel.dev</a>) for pipeline files:
 * typed, side-effect free, without unbounded loops, compiled once. In scope are {@code row} (the
 * item's fields) and {@code item} (the item itself), CEL's standard functions and macros
 * ({@code has}, {@code all}, {@code exists}, {@code map}, {@code filter}), its string, math,
 * list, regular-expression, encoder and optional-value extensions, and Sluice's helpers: {@code now()},
 * {@code parse_time(text, pattern)}, {@code format_time(timestamp, pattern)},
 * {@code sha256(text)} and {@code hash(text)}.
 *
 * <p>Numbers of different kinds compare ({@code row.temp > 30} holds for a temperature of 30.5),
 * but arithmetic does not mix them, as in CEL everywhere: write {@code double(row.temp) * 1.8}.
 * Programs run on CEL's planner runtime, measured several times faster than its standard runtime
 * on the benchmark's expressions; the everyday subset runs as Java closures first ({@link FastPath}),
 * with CEL deciding every case those do not handle plainly.
 */
public final class CelExpressionLanguage implements ExpressionLanguage {
    static final CelOptions OPTIONS = CelOptions.current()
            .enableHeterogeneousNumericComparisons(true)
            .evaluateCanonicalTypesToNativeValues(true)
            .comprehensionMaxIterations(100_000) // bounded work per item, even for a list in a field
            .build();

    private final CelCompiler compiler;
    private final CelRuntime runtime;
    private final boolean fastPath;

    /** The language, with the wall clock for {@code now()}: for the service loader. */
    public CelExpressionLanguage() {
        this(Clock.systemUTC());
    }

    /** The language whose {@code now()} reads {@code clock}: for tests. */
    public CelExpressionLanguage(Clock clock) {
        this(clock, true);
    }

    /** {@code fastPath} false: every item through CEL's program, to test the fast path against. */
    CelExpressionLanguage(Clock clock, boolean fastPath) {
        this.fastPath = fastPath;
        compiler = CelCompilerFactory.standardCelCompilerBuilder()
                .setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addVar("row", MapType.create(SimpleType.STRING, SimpleType.DYN))
                .addVar("item", SimpleType.DYN)
                .addFunctionDeclarations(CelFunctions.declarations())
                .addLibraries(CelExtensions.strings(), CelExtensions.math(), CelExtensions.encoders(OPTIONS),
                        CelExtensions.lists(), CelExtensions.regex(), CelExtensions.optional())
                .build();
        runtime = CelRuntimeFactory.plannerRuntimeBuilder()
                .setOptions(OPTIONS)
                .addFunctionBindings(CelFunctions.bindings(clock))
                .addLibraries(CelExtensions.strings(), CelExtensions.math(), CelExtensions.encoders(OPTIONS),
                        CelExtensions.lists(), CelExtensions.regex(), CelExtensions.optional())
                .build();
    }

    @Override
    public String name() {
        return "CEL";
    }

    @Override
    public Expression compile(String source, ResultType result) {
        CelValidationResult compiled = compiler.compile(source);
        if (compiled.hasError()) {
            CelIssue first = compiled.getErrors().get(0);
            throw new ExpressionException(ExpressionException.Reason.INVALID, source,
                    offset(source, first.getSourceLocation().getLine(), first.getSourceLocation().getColumn()),
                    CelMessages.compileError(first.getMessage()));
        }
        try {
            CelAbstractSyntaxTree ast = compiled.getAst();
            CelKind kind = ast.getResultType().kind();
            boolean fits = switch (result) {
                case BOOLEAN -> kind == CelKind.BOOL || kind == CelKind.DYN;
                case ROW -> kind == CelKind.MAP || kind == CelKind.DYN;
                case VALUE -> true;
            };
            if (!fits) {
                throw new ExpressionException(ExpressionException.Reason.INVALID, source, 0,
                        "the expression must give " + result.inWords() + ", but gives " + CelMessages.type(ast.getResultType()));
            }
            return new CelExpression(source, runtime.createProgram(ast), fastPath ? FastPath.compile(ast.getExpr()) : null);
        } catch (CelValidationException | CelEvaluationException e) {
            throw new ExpressionException(ExpressionException.Reason.INVALID, source, -1, CelMessages.compileError(e.getMessage()));
        }
    }

    /** The offset in {@code source} of a 1-based line and 0-based column, as CEL reports them. */
    static int offset(String source, int line, int column) {
        if (line < 1 || column < 0) {
            return -1;
        }
        int at = 0;
        for (int l = 1; l < line; l++) {
            int nl = source.indexOf('\n', at);
            if (nl < 0) {
                return -1;
            }
            at = nl + 1;
        }
        return Math.min(source.length(), at + column);
    }
}
