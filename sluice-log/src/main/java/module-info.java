/**
 * The durable stream log: named streams, consumer groups reading windows, retention, on the
 * embedded SQLite backend or another behind the storage SPI; the log.* node types and the
 * dead_letter_stream destination.
 */
module dev.sluice.log {
    requires transitive dev.sluice.core;
    requires java.sql;
    requires org.xerial.sqlitejdbc;
    requires org.slf4j;

    exports dev.sluice.log;
    exports dev.sluice.log.spi;

    uses dev.sluice.log.spi.LogStorageProvider;

    provides dev.sluice.nodetype.NodeType with
            dev.sluice.log.nodes.LogTypes.Append,
            dev.sluice.log.nodes.LogTypes.Read;
    provides dev.sluice.nodetype.DeadLetterType with dev.sluice.log.nodes.DeadLetterStream;
    provides dev.sluice.nodetype.CheckpointStoreType with dev.sluice.log.nodes.LogCheckpoints;
}
