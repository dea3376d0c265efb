package dev.sluice;

import java.util.ArrayDeque;

/**
 * The markers a stage holds back, oldest first, each with the tag the stage noted when it arrived
 * ({@link StageCore#holdTag}): a marker passes on only once the items that were in the stage when
 * it arrived have gone ({@link StageCore#stillHolds}), so an acknowledgement never overtakes the
 * items it covers. Touched only by the thread inside the stage's domain.
 */
final class MarkerHold {
    private record Held(Marker marker, long tag) {}

    private final ArrayDeque<Held> held = new ArrayDeque<>();

    boolean isEmpty() {
        return held.isEmpty();
    }

    void add(Marker marker, long tag) {
        held.add(new Held(marker, tag));
    }

    /** Passes on, in order, the markers whose items have left {@code stage}. */
    void release(StageCore<?, ?> stage) {
        while (!held.isEmpty() && !stage.stillHolds(held.peek().tag())) {
            stage.passMarker(held.poll().marker());
        }
    }

    /** Passes on every marker: the stage has emitted all it held (it is completing). */
    void releaseAll(StageCore<?, ?> stage) {
        while (!held.isEmpty()) {
            stage.passMarker(held.poll().marker());
        }
    }
}
