/**
 * Pipeline files: YAML read into a logical graph, validated against the node types of the
 * modules present, and compiled onto the engine; test files; the node types that need only the
 * engine.
 */
module dev.sluice.yaml {
    requires transitive dev.sluice.core;
    requires org.yaml.snakeyaml;

    exports dev.sluice.yaml;
    exports dev.sluice.yaml.spec;

    uses dev.sluice.nodetype.NodeType;
    uses dev.sluice.nodetype.DeadLetterType;
    uses dev.sluice.nodetype.CheckpointStoreType;

    provides dev.sluice.nodetype.NodeType with
            dev.sluice.yaml.types.Print,
            dev.sluice.yaml.types.Filter,
            dev.sluice.yaml.types.MapRows,
            dev.sluice.yaml.types.Switch,
            dev.sluice.yaml.types.Unique,
            dev.sluice.yaml.types.WindowAggregate,
            dev.sluice.yaml.types.Message,
            dev.sluice.yaml.types.RateLimit,
            dev.sluice.yaml.types.Batch;
    provides dev.sluice.nodetype.DeadLetterType with dev.sluice.yaml.types.DeadLetterFile;
}
