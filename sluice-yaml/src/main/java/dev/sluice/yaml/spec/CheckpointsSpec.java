package dev.sluice.yaml.spec;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline file's {@code checkpoints:} section: where the pipeline's state is checkpointed, and
 * how often.
 *
 * @param store the checkpoint store's type, such as {@code log}
 * @param interval the least time between two checkpoints
 * @param options the store's options, converted to their types
 * @param at where the section was written
 */
public record CheckpointsSpec(String store, Duration interval, Map<String, Object> options, Position at) {
    /** Validates and copies. */
    public CheckpointsSpec {
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(at, "at");
        options = Map.copyOf(options);
    }
}
