package dev.sluice.yaml.spec;

import java.util.Objects;

/**
 * An edge of the logical graph: the outputs of node {@code from} feed node {@code to}.
 *
 * @param from the feeding node's name
 * @param to the fed node's name
 * @param at where the edge was written (a chain's position for each of its arrows)
 */
public record EdgeSpec(String from, String to, Position at) {
    /** Validates. */
    public EdgeSpec {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(at, "at");
    }

    /** Whether this edge joins the same two nodes as {@code other}, wherever each was written. */
    public boolean joins(String from, String to) {
        return this.from.equals(from) && this.to.equals(to);
    }

    /** {@code from -> to}. */
    @Override
    public String toString() {
        return from + " -> " + to;
    }
}
