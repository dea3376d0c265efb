/**
 * The node-type SPI of pipeline files. A file can only name node types that a
 * {@link dev.sluice.nodetype.NodeType} provides, found through {@link java.util.ServiceLoader}, so
 * a file never instantiates an arbitrary class. The interface is sealed into four kinds, each with
 * a {@code create} typed by what it makes, so a plugin of the wrong shape fails to compile rather
 * than when a pipeline is built. Types declare their options (validation, messages and the JSON
 * schema are made from them) and the {@link dev.sluice.nodetype.ItemType}s they take and make
 * (wiring is checked from them). This package depends on the engine's public API only, so a
 * plugin needs nothing but {@code sluice-core}.
 */
package dev.sluice.nodetype;
