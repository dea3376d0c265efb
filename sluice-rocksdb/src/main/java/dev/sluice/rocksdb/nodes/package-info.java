/**
 * The {@code cache.*} node types of pipeline files, on {@link dev.sluice.rocksdb.Cache}. Public
 * classes only so that {@link java.util.ServiceLoader} can make them; the package is not exported.
 */
package dev.sluice.rocksdb.nodes;
