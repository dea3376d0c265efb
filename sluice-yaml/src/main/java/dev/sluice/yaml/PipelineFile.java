package dev.sluice.yaml;

import dev.sluice.Pipeline;
import dev.sluice.PipelineBuilder;
import dev.sluice.yaml.spec.PipelineSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Function;

/**
 * A pipeline file, read and validated: its logical graph ({@link #spec()}) and the node types it
 * was checked against. Nothing is opened or started until {@link #build} compiles the graph onto
 * the embedded engine.
 *
 * <pre>
 * pipeline: readings
 * nodes:
 *   - name: watch
 *     type: files.watch
 *     options: {directory: ./inbox, glob: "*.csv"}
 *   - name: read
 *     type: files.lines
 *   - name: parse
 *     type: csv.parse
 *   - name: print
 *     type: print
 * edges:            # optional: without it the nodes form a chain in the order given
 *   - watch -> read -> parse -> print
 * </pre>
 *
 * Values may use {@code ${NAME}} or {@code ${NAME:-default}} (environment) and
 * {@code ${file:/path}} (a secret read from a file, never shown in messages). Every problem is
 * reported at once, each as {@code file:line:column: message}.
 */
public final class PipelineFile {
    private final PipelineSpec spec;
    private final NodeTypes types;

    private PipelineFile(PipelineSpec spec, NodeTypes types) {
        this.spec = spec;
        this.types = types;
    }

    /** Reads and validates {@code file} with the node types on the class path and the process environment. */
    public static PipelineFile load(Path file) throws IOException, ConfigException {
        return load(file, System::getenv);
    }

    /** Reads and validates {@code file}, resolving {@code ${NAME}} with {@code env}. */
    public static PipelineFile load(Path file, Function<String, String> env) throws IOException, ConfigException {
        return load(file, env, NodeTypes.load());
    }

    /** Reads and validates {@code file} against {@code types}, resolving {@code ${NAME}} with {@code env}. */
    public static PipelineFile load(Path file, Function<String, String> env, NodeTypes types)
            throws IOException, ConfigException {
        Objects.requireNonNull(env, "env");
        return new PipelineFile(PipelineParser.parse(file, types, env), types);
    }

    /** The logical graph, as the file writes it (composite nodes not expanded). */
    public PipelineSpec spec() {
        return spec;
    }

    /** The node types the file was validated against. */
    public NodeTypes types() {
        return types;
    }

    /**
     * The pipeline's delivery guarantee across a crash, from what its sources and sinks declare
     * and whether it checkpoints, with the nodes that keep it from being stronger: "exactly once
     * (...)", "at least once ...".
     */
    public String guarantee() {
        return Guarantees.of(spec, types);
    }

    /** The pipeline's name. */
    public String name() {
        return spec.name();
    }

    /**
     * Builds the pipeline (not started) with the given settings, its name the file's: composite
     * nodes are expanded, then every node is made by its type and wired.
     */
    public Pipeline build(PipelineBuilder settings) throws Exception {
        return build(spec, types, settings);
    }

    /** Builds {@code spec} (composites expanded first) with {@code types}, not started. */
    public static Pipeline build(PipelineSpec spec, NodeTypes types, PipelineBuilder settings) throws Exception {
        if (spec.checkpoints() != null) {
            var c = spec.checkpoints();
            var type = types.checkpointStore(c.store()).orElseThrow(
                    () -> new IllegalStateException("no checkpoint store '" + c.store() + "'"));
            settings.checkpoints(type.create(dev.sluice.nodetype.NodeOptions.of("checkpoints", c.options()), spec.name()),
                    c.interval());
        }
        Pipeline pipeline = settings.name(spec.name()).build();
        try {
            new EngineBuilder(types, pipeline).build(spec.flatten());
            return pipeline;
        } catch (Exception | Error e) {
            pipeline.cancel(); // nothing runs yet; a half-built pipeline holds no thread
            throw e;
        }
    }
}
