/** JSON through Jackson: a codec, and the json.* node types. */
module dev.sluice.json {
    requires transitive dev.sluice.core;
    requires com.fasterxml.jackson.databind;

    exports dev.sluice.json;

    provides dev.sluice.nodetype.NodeType with
            dev.sluice.json.nodes.JsonTypes.Decode,
            dev.sluice.json.nodes.JsonTypes.Encode;
}
