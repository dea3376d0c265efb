/**
 * The {@code log.*} node types of pipeline files and the {@code dead_letter_stream} destination,
 * on the public API of {@link dev.sluice.log.StreamLog}. Public classes only so that
 * {@link java.util.ServiceLoader} can make them; the package is not exported.
 */
package dev.sluice.log.nodes;
