package dev.sluice;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a checkpoint's barrier collects on its way: each stateful node's state as the barrier
 * passes it, and the parts of sources and transactional sinks. Copies of the barrier run on
 * several threads after a fan-out, so both collections are safe for concurrent adds.
 */
final class Barrier {
    final long id;
    final Instant at;
    final Map<String, byte[]> states = new ConcurrentHashMap<>();
    final List<Object> parts = Collections.synchronizedList(new ArrayList<>());

    Barrier(long id, Instant at, List<Object> sourceParts) {
        this.id = id;
        this.at = at;
        parts.addAll(sourceParts);
    }
}
