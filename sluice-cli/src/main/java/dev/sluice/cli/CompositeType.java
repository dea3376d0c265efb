package dev.sluice.cli;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import dev.sluice.Processor;
import dev.sluice.config.NodeOptions;
import dev.sluice.config.NodeRole;
import dev.sluice.config.OptionSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node type defined by a file (nanostream's {@code class_factory}): a chain of node types with
 * some options frozen and others exposed under new names ({@code arg_mapping}). It is usable
 * wherever a node type is, including in other composites. The chain is fused into one node: each
 * inner node's outputs are handed straight to the next one.
 *
 * <pre>
 * composite: FooMessageTester
 * nodes:
 *   - name: foo_generator
 *     type: foo.emitter
 *     frozen_arguments: {message: foobar}
 *     arg_mapping: {interval: foo_interval}
 *   - name: length_tester
 *     type: message.length-tester
 *     arg_mapping: null
 * </pre>
 */
final class CompositeType extends BuiltinTypes.Base {
    private final List<PipelineFile.NodeDef> inner;

    private CompositeType(String name, List<PipelineFile.NodeDef> inner, NodeRole role, List<OptionSpec> options,
            Path file) {
        super(name, role, "composite of " + inner.stream().map(d -> d.type().name()).toList() + " from "
                + file.getFileName(), options);
        this.inner = inner;
    }

    static CompositeType of(String name, List<PipelineFile.NodeDef> inner, Path file) {
        for (int i = 0; i < inner.size(); i++) {
            NodeRole r = inner.get(i).type().role();
            if (r == NodeRole.OPERATOR) {
                throw new IllegalArgumentException("composite '" + name + "': operator node types like '"
                        + inner.get(i).type().name() + "' cannot be fused into a composite yet");
            }
            if (r == NodeRole.SOURCE && i > 0) {
                throw new IllegalArgumentException("composite '" + name + "': only its first node may be a source, not '"
                        + inner.get(i).name() + "'");
            }
            if (r == NodeRole.SINK && i < inner.size() - 1) {
                throw new IllegalArgumentException("composite '" + name + "': only its last node may be a sink, not '"
                        + inner.get(i).name() + "'");
            }
        }
        NodeRole first = inner.get(0).type().role();
        NodeRole last = inner.get(inner.size() - 1).type().role();
        if (first == NodeRole.SOURCE && last == NodeRole.SINK) {
            throw new IllegalArgumentException("composite '" + name + "' is a whole pipeline (a source through to a sink):"
                    + " a composite must leave an input or an output open");
        }
        NodeRole role = first == NodeRole.SOURCE ? NodeRole.SOURCE : last == NodeRole.SINK ? NodeRole.SINK : NodeRole.PROCESSOR;
        Map<String, OptionSpec> exposed = new LinkedHashMap<>();
        for (PipelineFile.NodeDef def : inner) {
            for (OptionSpec spec : def.type().options()) {
                String outer = def.argMapping().get(spec.name());
                if (outer == null) {
                    continue;
                }
                OptionSpec previous = exposed.put(outer, new OptionSpec(outer, spec.type(), spec.required(),
                        spec.defaultValue(), spec.description() + " (" + def.name() + "." + spec.name() + ")"));
                if (previous != null && previous.type() != spec.type()) {
                    throw new IllegalArgumentException("composite '" + name + "': argument '" + outer
                            + "' maps options of different types");
                }
            }
        }
        return new CompositeType(name, List.copyOf(inner), role, List.copyOf(exposed.values()), file);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Object create(NodeOptions given) throws Exception {
        List<Object> parts = new ArrayList<>();
        for (PipelineFile.NodeDef def : inner) {
            Map<String, Object> values = new LinkedHashMap<>(def.options());
            def.argMapping().forEach((innerName, outerName) -> {
                if (given.has(outerName)) {
                    values.put(innerName, ((PipelineFileOptions) given).rawValue(outerName));
                }
            });
            parts.add(def.type().create(new MapOptions(given.nodeName() + "." + def.name(), values)));
        }
        List<Processor<Object, Object>> chain = new ArrayList<>();
        for (Object part : parts.subList(role() == NodeRole.SOURCE ? 1 : 0, parts.size())) {
            chain.add((Processor<Object, Object>) part);
        }
        if (role() == NodeRole.SOURCE) {
            Generator<Object> head = (Generator<Object>) parts.get(0);
            return new FusedSource(head, chain);
        }
        return new FusedChain(chain);
    }

    /** Processors run one after the other on one thread: each one's outputs feed the next. */
    static final class FusedChain implements Processor<Object, Object> {
        private final List<Processor<Object, Object>> chain;

        FusedChain(List<Processor<Object, Object>> chain) {
            this.chain = chain;
        }

        Emitter<Object> stage(int i, Emitter<Object> out) {
            if (i == chain.size()) {
                return out;
            }
            Emitter<Object> next = stage(i + 1, out);
            Processor<Object, Object> p = chain.get(i);
            return item -> {
                try {
                    p.process(item, next);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            };
        }

        @Override
        public void onStart(NodeContext context) throws Exception {
            for (Processor<Object, Object> p : chain) {
                p.onStart(context);
            }
        }

        @Override
        public void process(Object item, Emitter<Object> out) {
            stage(0, out).emit(item);
        }

        @Override
        public void onComplete(Emitter<Object> out) throws Exception {
            for (int i = 0; i < chain.size(); i++) {
                chain.get(i).onComplete(stage(i + 1, out));
            }
        }

        @Override
        public void onStop() throws Exception {
            for (Processor<Object, Object> p : chain) {
                p.onStop();
            }
        }
    }

    /** A generator whose outputs run through a fused chain. */
    record FusedSource(Generator<Object> head, List<Processor<Object, Object>> chain) implements Generator<Object> {
        @Override
        public void generate(NodeContext ctx, Emitter<Object> out) throws Exception {
            FusedChain fused = new FusedChain(chain);
            fused.onStart(ctx);
            try {
                head.generate(ctx, fused.stage(0, out));
                fused.onComplete(out);
            } finally {
                fused.onStop();
            }
        }

        @Override
        public void onStop() throws Exception {
            head.onStop();
        }
    }
}
