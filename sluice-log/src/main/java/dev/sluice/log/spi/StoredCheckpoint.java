package dev.sluice.log.spi;

import java.time.Instant;
import java.util.Map;

/**
 * A pipeline's last committed checkpoint as a log stores it.
 *
 * @param pipeline the pipeline's name
 * @param id its number
 * @param at when its barrier left the source
 * @param states every stateful node's latest state, by node name
 */
public record StoredCheckpoint(String pipeline, long id, Instant at, Map<String, byte[]> states) {
    /** Copies. */
    public StoredCheckpoint {
        states = Map.copyOf(states);
    }
}
