package dev.sluice.checkpoint;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One consistent cut of a running pipeline: the state of each stateful node (by node name) as it
 * was when the barrier passed it, and the parts its sources and transactional sinks contributed.
 *
 * @param id increasing within a pipeline, across restarts
 * @param at when the barrier left its source
 * @param states each stateful node's state, by node name, in the engine's own encoding
 * @param parts what sources and sinks contributed, for the store to commit with the states
 */
public record Checkpoint(long id, Instant at, Map<String, byte[]> states, List<Object> parts) {
    /** Validates and copies. */
    public Checkpoint {
        Objects.requireNonNull(at, "at");
        states = Map.copyOf(states);
        parts = List.copyOf(parts);
    }
}
