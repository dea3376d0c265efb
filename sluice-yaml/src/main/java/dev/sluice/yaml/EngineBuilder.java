package dev.sluice.yaml;

import dev.sluice.ErrorPolicy;
import dev.sluice.Generator;
import dev.sluice.Node;
import dev.sluice.Pipe;
import dev.sluice.Pipeline;
import dev.sluice.Processor;
import dev.sluice.nodetype.DeadLetterType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.NodeType;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.ProcessorType;
import dev.sluice.nodetype.SinkType;
import dev.sluice.nodetype.SourceType;
import dev.sluice.yaml.spec.EdgeSpec;
import dev.sluice.yaml.spec.ErrorPolicySpec;
import dev.sluice.yaml.spec.NodeSpec;
import dev.sluice.yaml.spec.PipelineSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles a flattened {@link PipelineSpec} onto the embedded engine, through its public API only:
 * each node is made by its type's {@code create} and wired as the edges say. Operators are built
 * from their inputs' pipes, so nodes are made in an order where feeders come first.
 */
final class EngineBuilder {
    private final NodeTypes types;
    private final Pipeline pipeline;
    /** Each node's output pipe, by name. */
    private final Map<String, Pipe<Object>> outputs = new HashMap<>();
    /** The nodes with an input of their own (processors and sinks), by name. */
    private final Map<String, Node<Object, Object>> inputs = new HashMap<>();

    EngineBuilder(NodeTypes types, Pipeline pipeline) {
        this.types = types;
        this.pipeline = pipeline;
    }

    /** Builds every node of {@code spec}, which has no composite node left, and wires its edges. */
    void build(PipelineSpec spec) throws Exception {
        Map<String, List<String>> feeders = new HashMap<>();
        for (EdgeSpec e : spec.edges()) {
            feeders.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.output());
        }
        List<NodeSpec> pending = new ArrayList<>(spec.nodes());
        while (!pending.isEmpty()) {
            boolean progress = false;
            for (var it = pending.iterator(); it.hasNext(); ) {
                NodeSpec def = it.next();
                NodeType type = types.find(def.type()).orElseThrow(
                        () -> new IllegalStateException(types.unknown(def.type())));
                List<String> from = feeders.getOrDefault(def.name(), List.of());
                if (type instanceof OperatorType && !outputs.keySet().containsAll(from)) {
                    continue;
                }
                make(def, type, from);
                it.remove();
                progress = true;
            }
            if (!progress) {
                throw new IllegalStateException("cannot order the operators of " + spec.file()); // validated: no cycles
            }
        }
        for (EdgeSpec e : spec.edges()) {
            Node<Object, Object> target = inputs.get(e.to());
            if (target != null) {
                outputs.get(e.output()).to(target); // edges into operators were wired when they were built
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void make(NodeSpec def, NodeType type, List<String> from) throws Exception {
        ErrorPolicy policy = policy(def.onError());
        NodeOptions options = NodeOptions.of(def.name(), def.options(), policy);
        switch (type) {
            case SourceType s -> outputs.put(def.name(),
                    pipeline.generate(def.name(), (Generator<Object>) s.create(options)).errorPolicy(policy));
            case OperatorType o -> {
                if (from.isEmpty()) {
                    throw new IllegalStateException("operator node '" + def.name() + "' has no input");
                }
                Pipe<Object> in = outputs.get(from.get(0));
                if (from.size() > 1) {
                    Pipe<Object>[] others = from.subList(1, from.size()).stream().map(outputs::get).toArray(Pipe[]::new);
                    in = in.union(others);
                }
                if (!o.ports(options).isEmpty()) {
                    // named outputs (switch): each is an output of its own, 'node.port', for the edges
                    for (Map.Entry<String, Pipe<?>> port : o.createPorts(in, options).entrySet()) {
                        Pipe<Object> pipe = (Pipe<Object>) port.getValue();
                        if (port.getKey().isEmpty()) { // the unnamed output besides the ports (window.aggregate)
                            outputs.put(def.name(), pipe.named(def.name()).errorPolicy(policy));
                        } else {
                            outputs.put(def.name() + "." + port.getKey(), pipe);
                        }
                    }
                    return;
                }
                Pipe<Object> out = (Pipe<Object>) o.create(in, options);
                outputs.put(def.name(), out.named(def.name()).errorPolicy(policy));
            }
            case ProcessorType p -> node(def, (Processor<Object, Object>) p.create(options), policy);
            case SinkType s -> node(def, (Processor<Object, Object>) (Processor<Object, ?>) s.create(options), policy);
        }
    }

    private void node(NodeSpec def, Processor<Object, Object> processor, ErrorPolicy policy) {
        Node<Object, Object> node = pipeline.node(def.name(), processor, def.queue());
        node.errorPolicy(policy);
        inputs.put(def.name(), node);
        outputs.put(def.name(), node);
    }

    /** The engine's policy for {@code spec}: dead-letter destinations are made here, one per node. */
    ErrorPolicy policy(ErrorPolicySpec spec) throws Exception {
        return switch (spec) {
            case ErrorPolicySpec.Fail f -> ErrorPolicy.fail();
            case ErrorPolicySpec.Skip s -> ErrorPolicy.skip();
            case ErrorPolicySpec.Retry r -> ErrorPolicy.retry(r.attempts(), r.backoff(), r.maxBackoff(), policy(r.then()));
            case ErrorPolicySpec.DeadLetter d -> {
                DeadLetterType destination = types.deadLetterType(d.destination()).orElseThrow(
                        () -> new IllegalStateException("no dead-letter destination '" + d.destination() + "'"));
                yield ErrorPolicy.deadLetter(destination.create(NodeOptions.of(d.destination(), d.options())));
            }
        };
    }
}
