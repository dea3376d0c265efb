/**
 * The node-type SPI behind pipeline files: a configuration can only name node types that a
 * {@link dev.sluice.config.NodeType} provides, found through {@link java.util.ServiceLoader}, so a
 * file can never instantiate an arbitrary class. Each type declares its options, which is what
 * validation, error messages and the JSON schema are made from.
 */
package dev.sluice.config;
