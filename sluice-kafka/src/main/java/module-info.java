/** Kafka topics as sources, sinks and iterables, and the kafka.* node types. */
module dev.sluice.kafka {
    requires transitive dev.sluice.core;
    requires kafka.clients;

    exports dev.sluice.kafka;

    provides dev.sluice.nodetype.NodeType with
            dev.sluice.kafka.nodes.KafkaTypes.Read,
            dev.sluice.kafka.nodes.KafkaTypes.Write;
}
