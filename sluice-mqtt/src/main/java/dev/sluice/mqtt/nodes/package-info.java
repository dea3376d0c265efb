/**
 * The {@code mqtt.*} node types of pipeline files, on the public API of {@code dev.sluice.mqtt}. Public
 * classes only so that {@link java.util.ServiceLoader} can make them; the package is not exported.
 */
package dev.sluice.mqtt.nodes;
