package dev.sluice.yaml;

import static dev.sluice.yaml.TestTypes.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Generator;
import dev.sluice.Processor;
import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointStore;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.CheckpointStoreType;
import dev.sluice.nodetype.Delivery;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.SinkType;
import dev.sluice.nodetype.SourceType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The delivery guarantee a file gets, from what its sources and sinks declare and whether it checkpoints. */
class GuaranteesTest {
    @TempDir
    Path dir;

    /** A source or sink that declares a given delivery. */
    static final class Declared extends AbstractNodeType implements SourceType {
        private final Delivery delivery;

        Declared(String name, Delivery delivery) {
            super(name, "declares " + delivery);
            this.delivery = delivery;
        }

        @Override
        public Generator<?> create(NodeOptions o) {
            return (ctx, out) -> {};
        }

        @Override
        public Delivery delivery(NodeOptions o) {
            return delivery;
        }
    }

    static final class DeclaredSink extends AbstractNodeType implements SinkType {
        private final Delivery delivery;

        DeclaredSink(String name, Delivery delivery) {
            super(name, "declares " + delivery);
            this.delivery = delivery;
        }

        @Override
        public Processor<Object, Void> create(NodeOptions o) {
            return (item, out) -> {};
        }

        @Override
        public Delivery delivery(NodeOptions o) {
            return delivery;
        }
    }

    /** A store type that nothing here commits to: only the file's declaration matters. */
    static final class Stores implements CheckpointStoreType {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public String description() {
            return "for the test";
        }

        @Override
        public List<OptionSpec> options() {
            return List.of();
        }

        @Override
        public CheckpointStore create(NodeOptions options, String pipeline) {
            return new CheckpointStore() {
                @Override
                public Optional<Checkpoint> latest() {
                    return Optional.empty();
                }

                @Override
                public void commit(Checkpoint checkpoint) {}

                @Override
                public boolean takes(Object part) {
                    return true;
                }
            };
        }
    }

    private String guarantee(String yaml) throws Exception {
        NodeTypes types = TestTypes.registry().with(new Declared("src.checkpointed", Delivery.CHECKPOINTED),
                new Declared("src.acked", Delivery.AT_LEAST_ONCE), new Declared("src.afresh", Delivery.NONE),
                new DeclaredSink("sink.checkpointed", Delivery.CHECKPOINTED),
                new DeclaredSink("sink.idempotent", Delivery.IDEMPOTENT),
                new DeclaredSink("sink.repeats", Delivery.AT_LEAST_ONCE));
        return PipelineFile.load(write(dir, "p.yaml", yaml), Map.<String, String>of()::get, types.withStores(new Stores()))
                .guarantee();
    }

    @Test
    void checkpointedSourcesAndCommittedOrIdempotentSinks_areExactlyOnce() throws Exception {
        assertEquals("exactly once (checkpoints every 250 ms in the memory store)", guarantee("""
                checkpoints: {interval: 250ms, store: memory}
                nodes:
                  - {name: in, type: src.checkpointed}
                  - {name: out, type: sink.checkpointed}
                  - {name: cache, type: sink.idempotent}
                edges: [in -> out, in -> cache]
                """));
    }

    @Test
    void whatKeepsAPipelineFromExactlyOnce_isNamed() throws Exception {
        assertEquals("at least once, state checkpointed: acked (src.acked) acknowledge apart from the checkpoints;"
                + " out (sink.repeats) may write again what they wrote after the last checkpoint", guarantee("""
                checkpoints: {store: memory}
                nodes:
                  - {name: acked, type: src.acked}
                  - {name: out, type: sink.repeats}
                """));
        assertEquals("at least once (no checkpoints: after a crash, what was not acknowledged is processed again,"
                + " windows included); in (src.afresh) keep no position: after a restart they start afresh", guarantee("""
                nodes:
                  - {name: in, type: src.afresh}
                  - {name: out, type: sink.checkpointed}
                """));
    }
}
