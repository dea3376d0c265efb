package dev.sluice.nodetype;

/** The four kinds of {@link NodeType}, for messages, listings and the schema. */
public enum NodeKind {
    /** {@link SourceType}: no inputs. */
    SOURCE,
    /** {@link ProcessorType}: inputs and outputs, a node of its own. */
    PROCESSOR,
    /** {@link OperatorType}: inputs and outputs, built from the engine's operators on the input pipe. */
    OPERATOR,
    /** {@link SinkType}: inputs only. */
    SINK;

    /** The kind of {@code type}. */
    public static NodeKind of(NodeType type) {
        return switch (type) {
            case SourceType s -> SOURCE;
            case ProcessorType p -> PROCESSOR;
            case OperatorType o -> OPERATOR;
            case SinkType s -> SINK;
        };
    }

    /** Whether nodes of this kind take inputs. */
    public boolean hasInput() {
        return this != SOURCE;
    }

    /** Whether nodes of this kind have outputs that may feed other nodes. */
    public boolean hasOutput() {
        return this != SINK;
    }

    /** Lower case, as written in messages: "source", "operator". */
    @Override
    public String toString() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
