/**
 * Expressions on items, as pipeline files write them: the {@link dev.sluice.expression.ExpressionLanguage}
 * service, which {@code sluice-cel} provides with Google's Common Expression Language.
 */
package dev.sluice.expression;
