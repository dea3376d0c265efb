package dev.sluice.cli;

import dev.sluice.nodetype.DeadLetterType;
import dev.sluice.nodetype.NodeType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.yaml.NodeTypes;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sluice schema}: a JSON Schema (draft 2020-12) of pipeline files, generated from the node
 * types on the class path, for editors' completion and checking. Validation by {@code sluice
 * validate} remains the reference (it also checks edges, environment variables and composites, whose
 * nodes the schema accepts with any options). A third-party validator checks it in the tests.
 */
final class SchemaCommand {
    private SchemaCommand() {}

    static String schema(NodeTypes registry) {
        List<String> variants = new ArrayList<>();
        for (NodeType t : registry.all()) {
            variants.add(node(t));
        }
        // a composite's type is defined by a file the pipeline loads, so its options are not known here
        variants.add("      {\"type\": \"object\", \"description\": \"a composite node type loaded with 'composites'\","
                + " \"additionalProperties\": false, \"required\": [\"name\", \"type\"], \"properties\": {"
                + "\"name\": {\"type\": \"string\"}, \"type\": {\"type\": \"string\", \"not\": {\"enum\": ["
                + String.join(", ", registry.names().stream().map(n -> "\"" + esc(n) + "\"").toList()) + "]}},"
                + " \"queue\": {\"type\": \"integer\", \"minimum\": 0}, \"on_error\": {\"$ref\": \"#/$defs/onError\"},"
                + " \"frozen_arguments\": {\"type\": \"object\"}, \"arg_mapping\": {\"type\": [\"object\", \"null\"]},"
                + " \"options\": {\"type\": \"object\"}}}");
        return """
                {
                  "$schema": "https://json-schema.org/draft/2020-12/schema",
                  "title": "Sluice pipeline file",
                  "type": "object",
                  "additionalProperties": false,
                  "properties": {
                    "pipeline": {"type": "string", "description": "the pipeline's name"},
                    "composite": {"type": "string", "description": "makes this file a composite node type of that name"},
                    "composites": {"type": "array", "items": {"type": "string"}, "description": "composite definition files to load"},
                    "checkpoints": {"type": ["object", "null"], "description": "checkpoint the state: interval, store and the store's options",
                      "properties": {"interval": {"type": "string", "default": "1s"}, "store": {"type": "string", "default": "log"}}},
                    "edges": {"type": "array", "items": {"type": "string", "pattern": "^\\\\s*\\\\S+\\\\s*->\\\\s*\\\\S+\\\\s*$"}},
                    "nodes": {"type": "array", "minItems": 1, "items": {"oneOf": [
                %s
                    ]}}
                  },
                  "required": ["nodes"],
                  "$defs": {
                    "deadEnd": {"oneOf": [
                      {"enum": ["fail", "skip"]}%s
                    ]},
                    "onError": {"description": "what the node does with an item it fails on", "oneOf": [
                      {"$ref": "#/$defs/deadEnd"},
                      {"type": "object", "additionalProperties": false, "required": ["retry"], "properties": {
                        "retry": {"type": "object", "additionalProperties": false, "properties": {
                          "attempts": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 3},
                          "backoff": {"type": "string", "default": "100ms"},
                          "max_backoff": {"type": "string", "default": "10s"}}},
                        "then": {"$ref": "#/$defs/deadEnd"}}}
                    ]}
                  }
                }
                """.formatted(String.join(",\n", variants), deadLetters(registry));
    }

    /** One variant of {@code on_error} per dead-letter destination on the class path. */
    private static String deadLetters(NodeTypes registry) {
        StringBuilder sb = new StringBuilder();
        for (DeadLetterType d : registry.deadLetterTypes()) {
            List<String> props = new ArrayList<>();
            for (OptionSpec o : d.options()) {
                props.add("\"" + esc(o.name()) + "\": {" + type(o) + ", \"description\": \"" + esc(o.description()) + "\"}");
            }
            sb.append(",\n                      {\"type\": \"object\", \"additionalProperties\": false, \"description\": \"")
                    .append(esc(d.description())).append("\", \"required\": [\"").append(esc(d.name()))
                    .append("\"], \"properties\": {").append(String.join(", ", props)).append("}}");
        }
        return sb.toString();
    }

    private static String node(NodeType t) {
        List<String> props = new ArrayList<>();
        List<String> required = new ArrayList<>();
        for (OptionSpec o : t.options()) {
            props.add("\"" + esc(o.name()) + "\": {" + type(o) + ", \"description\": \"" + esc(o.description()) + "\""
                    + (o.defaultValue() == null ? "" : ", \"default\": \"" + esc(o.defaultValue()) + "\"") + "}");
            if (o.required()) {
                required.add("\"" + esc(o.name()) + "\"");
            }
        }
        return "      {\"type\": \"object\", \"description\": \"" + esc(t.description()) + " (" + t.kind() + ")\","
                + " \"additionalProperties\": false, \"required\": [\"name\", \"type\"" + (required.isEmpty() ? "" : ", \"options\"")
                + "], \"properties\": {\"name\": {\"type\": \"string\"}, \"type\": {\"const\": \"" + esc(t.name()) + "\"},"
                + " \"queue\": {\"type\": \"integer\", \"minimum\": 0}, \"on_error\": {\"$ref\": \"#/$defs/onError\"},"
                + " \"frozen_arguments\": {\"type\": \"object\"},"
                + " \"arg_mapping\": {\"type\": [\"object\", \"null\"]},"
                + " \"options\": {\"type\": \"object\", \"additionalProperties\": false, \"properties\": {"
                + String.join(", ", props) + "}, \"required\": [" + String.join(", ", required) + "]}}}";
    }

    private static String type(OptionSpec o) {
        return switch (o.type()) {
            case INT -> "\"type\": [\"integer\", \"string\"]"
                    + (o.min() == Long.MIN_VALUE ? "" : ", \"minimum\": " + o.min())
                    + (o.max() == Long.MAX_VALUE ? "" : ", \"maximum\": " + o.max());
            case DOUBLE -> "\"type\": [\"number\", \"string\"]";
            case BOOLEAN -> "\"type\": [\"boolean\", \"string\"]";
            case LIST -> "\"type\": [\"array\", \"string\"], \"items\": {\"type\": \"string\"}";
            case MAPPING -> "\"type\": \"object\", \"additionalProperties\": {\"type\": \"string\"}";
            default -> "\"type\": \"string\"";
        };
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
