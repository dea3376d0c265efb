/**
 * The {@code sluice} command ({@link dev.sluice.cli.Main}) and every text form of a pipeline
 * ({@link dev.sluice.cli.Render}: status table, DOT, Mermaid, SVG). The engine gives data; this
 * package is where it becomes text. The command reaches node types only through the registry of
 * {@code sluice-yaml}, so the connectors are run-time dependencies of the distribution.
 */
package dev.sluice.cli;
