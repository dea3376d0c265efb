/**
 * The {@code json.*} node types of pipeline files, on {@link dev.sluice.json.JsonCodec}. Public
 * classes only so that {@link java.util.ServiceLoader} can make them; the package is not exported.
 */
package dev.sluice.json.nodes;
