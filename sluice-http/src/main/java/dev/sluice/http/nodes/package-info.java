/**
 * The {@code http.*} node types, found through the service loader: {@code http.server},
 * {@code http.lookup} and {@code http.write}. Not exported: pipeline files name them, and Java
 * applications use the engine's own {@code Generator} and {@code Processor} with any client.
 */
package dev.sluice.http.nodes;
