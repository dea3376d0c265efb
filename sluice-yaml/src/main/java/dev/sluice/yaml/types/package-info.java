/**
 * The node types of pipeline files that need nothing but the engine: {@code print},
 * {@code filter}, {@code map}, {@code switch}, {@code unique}, {@code window.aggregate}, {@code message}, {@code rate.limit},
 * and the {@code dead_letter_file} destination. Each is a public class only so that
 * {@link java.util.ServiceLoader} can make it on the class path; the package is not exported, and
 * files reach the types by name. A connector's node types live in the connector's module.
 */
package dev.sluice.yaml.types;
