package dev.sluice.yaml.spec;

import java.util.Objects;

/**
 * An edge of the logical graph: the outputs of node {@code from} (or of its output {@code port})
 * feed node {@code to}.
 *
 * @param from the feeding node's name
 * @param port the feeding node's output, for a node with named outputs ({@code switch}); else null
 * @param to the fed node's name
 * @param at where the edge was written (a chain's position for each of its arrows)
 */
public record EdgeSpec(String from, String port, String to, Position at) {
    /** Validates. */
    public EdgeSpec {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
    }

    /** An edge from a node's one output. */
    public EdgeSpec(String from, String to, Position at) {
        this(from, null, to, at);
    }

    /** Whether this edge joins the same two nodes as {@code other}, wherever each was written. */
    public boolean joins(String from, String to) {
        return this.from.equals(from) && this.to.equals(to);
    }

    /** The output feeding {@code to}: {@code from}, or {@code from.port}. */
    public String output() {
        return port == null ? from : from + "." + port;
    }

    /** {@code from -> to}, or {@code from.port -> to}. */
    @Override
    public String toString() {
        return output() + " -> " + to;
    }
}
