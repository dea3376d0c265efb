/**
 * The {@code kafka.*} node types of pipeline files, on the public API of {@code dev.sluice.kafka}. Public
 * classes only so that {@link java.util.ServiceLoader} can make them; the package is not exported.
 */
package dev.sluice.kafka.nodes;
