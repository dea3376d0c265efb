/**
 * The engine and its DSL: pipelines, pipes, operators, threads, windows, error policies,
 * monitoring; the node-type SPI of pipeline files and the expression-language service. Everything else in it is package-private.
 */
module dev.sluice.core {
    requires org.slf4j;

    exports dev.sluice;
    exports dev.sluice.time;
    exports dev.sluice.nodetype;
    exports dev.sluice.checkpoint;
    exports dev.sluice.expression;

    uses dev.sluice.expression.ExpressionLanguage;
}
