/**
 * Expressions in pipeline files with Google's Common Expression Language: the
 * {@link dev.sluice.expression.ExpressionLanguage} that {@code filter}, {@code map} and the other
 * expression-taking node types find at run time.
 *
 * <p>This module has no {@code module-info}: CEL 0.14's jars split packages between them
 * ({@code dev.cel.common} is in three), so they cannot be modules and a named module cannot read
 * them. Put this module and CEL on the class path; the engine's modules find it there through
 * {@code META-INF/services}, on the module path as well.
 */
package dev.sluice.cel;
