package dev.sluice;

import java.util.List;
import java.util.Optional;

/**
 * The state of a whole pipeline at one moment: see {@link Pipeline#snapshot()}.
 *
 * @param state the pipeline's state
 * @param nodes one entry per node, in creation order
 * @param failure the first failure, if the pipeline failed
 */
public record PipelineSnapshot(PipelineState state, List<NodeSnapshot> nodes, Optional<Throwable> failure) {

    /** The node called {@code name}. @throws IllegalArgumentException if there is none */
    public NodeSnapshot node(String name) {
        return nodes.stream()
                .filter(n -> n.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node named '" + name + "'"));
    }

    /** The nodes flagged as logjammed. */
    public List<NodeSnapshot> logjams() {
        return nodes.stream().filter(NodeSnapshot::logjam).toList();
    }
}
