package dev.sluice;

import dev.sluice.checkpoint.Checkpoint;
import dev.sluice.checkpoint.CheckpointStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A pipeline's checkpoints: restores the stages from the store's last checkpoint before anything
 * runs, numbers the barriers sources send, and commits completed checkpoints to the store in id
 * order (a later barrier may complete first on another path; it waits for the one before it).
 */
final class Checkpointer {
    private final CheckpointStore store;
    private final Duration interval;
    private long nextId = 1;
    /** Completed checkpoints waiting for an earlier one; guarded by this. */
    private final TreeMap<Long, Barrier> completed = new TreeMap<>();
    private long nextToCommit = 1;

    Checkpointer(CheckpointStore store, Duration interval) {
        this.store = store;
        this.interval = interval;
    }

    Duration interval() {
        return interval;
    }

    /** The last checkpoint committed or restored, if any. */
    synchronized java.util.OptionalLong lastCommitted() {
        return nextToCommit > 1 ? java.util.OptionalLong.of(nextToCommit - 1) : java.util.OptionalLong.empty();
    }

    CheckpointStore store() {
        return store;
    }

    /**
     * Checks that checkpoints cover every stage, then puts back the state of the last checkpoint.
     *
     * @throws IllegalStateException saying what stands in the way, naming the node
     */
    synchronized void restore(List<Stage<?, ?>> stages) {
        List<String> problems = new ArrayList<>();
        for (Stage<?, ?> s : stages) {
            String why = s.notCheckpointable();
            if (why != null) {
                problems.add("node '" + s.name + "': " + why);
            }
            if (s.inputs.size() > 1) {
                problems.add("node '" + s.name + "' has " + s.inputs.size() + " inputs ("
                        + String.join(", ", s.inputs.stream().map(i -> i.name).toList())
                        + "): checkpoints do not align barriers at a fan-in yet");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("this pipeline cannot be checkpointed: " + String.join("; ", problems));
        }
        Optional<Checkpoint> last;
        try {
            last = store.latest();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the last checkpoint: " + e.getMessage(), e);
        }
        if (last.isEmpty()) {
            return;
        }
        Checkpoint c = last.get();
        Map<String, Stage<?, ?>> byName = new java.util.HashMap<>();
        stages.forEach(s -> byName.put(s.name, s));
        for (Map.Entry<String, byte[]> e : c.states().entrySet()) {
            Stage<?, ?> s = byName.get(e.getKey());
            if (s == null) {
                throw new IllegalStateException("checkpoint " + c.id() + " holds the state of node '" + e.getKey()
                        + "', which the pipeline no longer has: restore that node, or start from no checkpoint"
                        + " (sluice checkpoints drop)");
            }
            s.restore(e.getValue());
        }
        nextId = c.id() + 1;
        nextToCommit = nextId;
    }

    /** A new barrier carrying {@code parts}, numbered after every earlier one. */
    synchronized Barrier newBarrier(Instant at, List<Object> parts) {
        return new Barrier(nextId++, at, parts);
    }

    /**
     * The pipeline completed: commits what its transactional sinks hold since the last barrier
     * (what completion flushed out of windows) with the state the stages were left in. Runs when
     * no pipeline thread runs any more, after every barrier was committed.
     */
    synchronized void commitFinal(List<Stage<?, ?>> stages) throws Exception {
        List<Object> parts = new ArrayList<>();
        Map<String, byte[]> states = new java.util.HashMap<>();
        for (Stage<?, ?> s : stages) {
            if (s instanceof NodeStage<?, ?> n) {
                Object part = n.finalPart();
                if (part != null) {
                    parts.add(part);
                }
            }
            byte[] state = s.snapshot();
            if (state != null) {
                states.put(s.name, state);
            }
        }
        if (!completed.isEmpty()) {
            throw new IllegalStateException("checkpoint " + completed.firstKey() + " completed, but checkpoint "
                    + nextToCommit + " before it never did");
        }
        long id = nextId++;
        store.commit(new Checkpoint(id, Instant.now(), states, parts));
        nextToCommit = id + 1;
    }

    /** The barrier has passed every node: commits it, and any later one that waited for it. */
    void completed(Barrier b) throws Exception {
        synchronized (this) {
            completed.put(b.id, b);
            // the thread that completes the next one in line commits every one ready behind it
            while (!completed.isEmpty() && completed.firstKey() == nextToCommit) {
                Barrier next = completed.pollFirstEntry().getValue();
                store.commit(new Checkpoint(next.id, next.at, next.states, List.copyOf(next.parts)));
                nextToCommit++;
            }
        }
    }
}
