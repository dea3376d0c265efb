package dev.sluice.yaml;

import dev.sluice.nodetype.Delivery;
import dev.sluice.nodetype.NodeKind;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.NodeType;
import dev.sluice.yaml.spec.NodeSpec;
import dev.sluice.yaml.spec.PipelineSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A pipeline's effective delivery guarantee, from what its sources and sinks declare
 * ({@link NodeType#delivery}) and whether it checkpoints: what {@code sluice validate} and
 * {@code sluice run} print, with the nodes that keep it from being stronger.
 */
final class Guarantees {
    private Guarantees() {}

    static String of(PipelineSpec file, NodeTypes types) {
        PipelineSpec spec = file.flatten();
        List<String> notCheckpointed = new ArrayList<>();
        List<String> repeats = new ArrayList<>();
        List<String> afresh = new ArrayList<>();
        for (NodeSpec n : spec.nodes()) {
            NodeType type = types.find(n.type()).orElse(null);
            if (type == null || type.kind() == NodeKind.OPERATOR || type.kind() == NodeKind.PROCESSOR) {
                continue;
            }
            Delivery d = type.delivery(NodeOptions.of(n.name(), n.options()));
            String who = n.name() + " (" + n.type() + ")";
            if (type.kind() == NodeKind.SOURCE) {
                if (d == Delivery.NONE) {
                    afresh.add(who);
                } else if (d != Delivery.CHECKPOINTED) {
                    notCheckpointed.add(who);
                }
            } else if (d == Delivery.NONE) {
                afresh.add(who);
            } else if (d == Delivery.AT_LEAST_ONCE) {
                repeats.add(who);
            }
        }
        if (spec.checkpoints() == null) {
            return "at least once (no checkpoints: after a crash, what was not acknowledged is processed again,"
                    + " windows included)" + (afresh.isEmpty() ? "" : "; " + String.join(", ", afresh)
                            + " keep no position: after a restart they start afresh");
        }
        if (afresh.isEmpty() && notCheckpointed.isEmpty() && repeats.isEmpty()) {
            return "exactly once (checkpoints every " + spec.checkpoints().interval().toMillis() + " ms in the "
                    + spec.checkpoints().store() + " store)";
        }
        List<String> why = new ArrayList<>();
        if (!afresh.isEmpty()) {
            why.add(String.join(", ", afresh) + " keep no position or may lose items");
        }
        if (!notCheckpointed.isEmpty()) {
            why.add(String.join(", ", notCheckpointed) + " acknowledge apart from the checkpoints");
        }
        if (!repeats.isEmpty()) {
            why.add(String.join(", ", repeats) + " may write again what they wrote after the last checkpoint");
        }
        return "at least once, state checkpointed: " + String.join("; ", why);
    }
}
