/**
 * A persistent key-value cache on RocksDB (snapstream's {@code Cache}): {@link dev.sluice.rocksdb.Cache}
 * with range and prefix scans, snapshots, atomic updates and batches.
 */
package dev.sluice.rocksdb;
