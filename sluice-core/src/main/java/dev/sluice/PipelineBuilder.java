package dev.sluice;

import dev.sluice.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a new {@link Pipeline}; from {@link Sluice#pipeline()}.
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>"pipeline"</td><td>prefix of thread names and of metrics</td></tr>
 *   <tr><td>clock</td><td>{@link Clock#system()}</td><td>time for windows, timers, retries, monitoring</td></tr>
 *   <tr><td>threads</td><td>{@link ThreadMode#PLATFORM}</td><td>kind of thread for threaded nodes</td></tr>
 *   <tr><td>queueCapacity</td><td>1024</td><td>input queue of {@link Pipeline#node} nodes</td></tr>
 *   <tr><td>logjamAfter</td><td>5 s</td><td>how long a full queue or a stalled node counts as normal</td></tr>
 *   <tr><td>closeGrace</td><td>30 s</td><td>how long {@link Pipeline#close()} waits to drain before cancelling</td></tr>
 *   <tr><td>checkpoints</td><td>none</td><td>where state is checkpointed, and how often ({@link #checkpoints})</td></tr>
 * </table>
 */
public final class PipelineBuilder {
    String name = "pipeline";
    Clock clock = Clock.system();
    ThreadMode threads = ThreadMode.PLATFORM;
    int queueCapacity = 1024;
    Duration logjamAfter = Duration.ofSeconds(5);
    Duration closeGrace = Duration.ofSeconds(30);
    dev.sluice.checkpoint.CheckpointStore checkpoints;
    Duration checkpointInterval = Duration.ofSeconds(1);

    PipelineBuilder() {}

    /** Names the pipeline; threads are called {@code sluice-<name>-<node>}. */
    public PipelineBuilder name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** The clock for all time-based behaviour; use a {@link dev.sluice.time.VirtualClock} in tests. */
    public PipelineBuilder clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    /** Platform or virtual threads for threaded nodes. */
    public PipelineBuilder threads(ThreadMode mode) {
        this.threads = Objects.requireNonNull(mode, "mode");
        return this;
    }

    /** Default input queue capacity of custom nodes. */
    public PipelineBuilder queueCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.queueCapacity = capacity;
        return this;
    }

    /** How long a queue may stay full, or a node make no progress, before it is flagged. */
    public PipelineBuilder logjamAfter(Duration threshold) {
        this.logjamAfter = Objects.requireNonNull(threshold, "threshold");
        return this;
    }

    /** How long {@link Pipeline#close()} lets items drain before cancelling. */
    public PipelineBuilder closeGrace(Duration grace) {
        this.closeGrace = Objects.requireNonNull(grace, "grace");
        return this;
    }

    /**
     * Checkpoints the pipeline's state to {@code store}, a barrier at most every {@code interval}
     * (sources that take part send one behind their input when it is due): on start, the nodes are
     * restored from the last complete checkpoint, and the store commits each checkpoint with the
     * input positions and output it covers, exactly once. A pipeline that a checkpoint cannot cover
     * (a stage that holds items it cannot snapshot yet, a fan-in) refuses to start, saying why.
     */
    public PipelineBuilder checkpoints(dev.sluice.checkpoint.CheckpointStore store, Duration interval) {
        this.checkpoints = Objects.requireNonNull(store, "store");
        if (interval.isNegative()) {
            throw new IllegalArgumentException("interval must not be negative: " + interval);
        }
        this.checkpointInterval = interval;
        return this;
    }

    /** A new pipeline with these settings. */
    public Pipeline build() {
        return new PipelineImpl(this);
    }
}
