package dev.sluice.cli;

import dev.sluice.NodeSnapshot;
import dev.sluice.PipelineSnapshot;
import dev.sluice.yaml.spec.NodeSpec;
import dev.sluice.yaml.spec.PipelineSpec;
import java.util.List;

/**
 * What a picture of a pipeline shows, whichever graph it comes from: a pipeline file's logical
 * graph ({@link #of(PipelineSpec)}: the nodes as the file names them, nothing opened) or a built
 * pipeline's engine graph ({@link #of(String, PipelineSnapshot)}: every stage, with its state).
 *
 * @param title the pipeline's name
 * @param boxes the nodes, in order
 */
public record Drawing(String title, List<Box> boxes) {
    /**
     * One node.
     *
     * @param name its name
     * @param kind its node type or operator
     * @param queue its input queue's capacity, or 0 without one
     * @param inputs the names of the nodes feeding it
     * @param alarm whether it is flagged (logjam, stuck)
     */
    public record Box(String name, String kind, int queue, List<String> inputs, boolean alarm) {
        /** Copies. */
        public Box {
            inputs = List.copyOf(inputs);
        }
    }

    /** Copies. */
    public Drawing {
        boxes = List.copyOf(boxes);
    }

    /** A file's graph, composites expanded as they will run: each node with its type and queue. */
    public static Drawing of(PipelineSpec spec) {
        PipelineSpec flat = spec.flatten();
        return new Drawing(flat.name(), flat.nodes().stream()
                .map((NodeSpec n) -> new Box(n.name(), n.type(), n.queue(), flat.inputsOf(n.name()), false)).toList());
    }

    /** A built pipeline's graph: every stage, flagged when logjammed or stuck. */
    public static Drawing of(String title, PipelineSnapshot snapshot) {
        return new Drawing(title, snapshot.nodes().stream()
                .map((NodeSnapshot n) -> new Box(n.name(), n.kind(), n.queueCapacity(), n.inputs(), n.logjam() || n.stuck()))
                .toList());
    }
}
