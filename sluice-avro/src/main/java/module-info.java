/** Avro: a codec for generic, specific and reflected records, and the avro.* node types. */
module dev.sluice.avro {
    requires transitive dev.sluice.core;
    requires transitive org.apache.avro;
    requires dev.sluice.json;

    exports dev.sluice.avro;

    provides dev.sluice.nodetype.NodeType with
            dev.sluice.avro.nodes.AvroTypes.Decode,
            dev.sluice.avro.nodes.AvroTypes.Encode;
}
