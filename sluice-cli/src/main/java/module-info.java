/**
 * The sluice command and every renderer of a pipeline (status table, DOT, Mermaid, SVG). It
 * reaches the connectors' node types only through the registry of sluice-yaml.
 */
module dev.sluice.cli {
    requires dev.sluice.yaml;
    requires dev.sluice.log;
    requires dev.sluice.rocksdb;
    requires jdk.httpserver;

    exports dev.sluice.cli;

    uses dev.sluice.nodetype.NodeType;
    uses dev.sluice.nodetype.DeadLetterType;
    uses dev.sluice.nodetype.CheckpointStoreType;
    uses dev.sluice.log.spi.LogStorageProvider;
}
