/** A persistent key-value cache on RocksDB, and the cache.* node types. */
module dev.sluice.rocksdb {
    requires transitive dev.sluice.core;
    requires rocksdbjni;

    exports dev.sluice.rocksdb;

    provides dev.sluice.nodetype.NodeType with dev.sluice.rocksdb.nodes.CacheTypes.Write,
            dev.sluice.rocksdb.nodes.CacheTypes.Read;
}
