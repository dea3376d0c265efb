package dev.sluice;

import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;

/**
 * {@link Pipe#zip}: pairs items by position. Each side buffers up to {@code maxBuffer} unmatched
 * items. A full side waits for the other (shared domain: the wait releases the domain lock) or,
 * when both sides run on the same thread and waiting could never end, fails the item. Completes
 * when a completed side has no buffered items left, as no further pair can form.
 */
final class ZipStage<A, B> extends TwoInputStage<A, B, Pair<A, B>> {
    private final int maxBuffer;
    private final ArrayDeque<Object>[] buffers;
    private final boolean[] sideDone = new boolean[2];
    private Condition space;

    @SuppressWarnings("unchecked")
    ZipStage(Stage<?, A> first, int maxBuffer) {
        super(first, "zip");
        if (maxBuffer < 1) {
            throw new IllegalArgumentException("maxBuffer must be positive: " + maxBuffer);
        }
        this.maxBuffer = maxBuffer;
        this.buffers = new ArrayDeque[] {new ArrayDeque<>(), new ArrayDeque<>()};
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onSide(int side, Object item) {
        if (done) {
            dropped++;
            return;
        }
        in++;
        ArrayDeque<Object> mine = buffers[side];
        ArrayDeque<Object> other = buffers[1 - side];
        while (other.isEmpty() && mine.size() >= maxBuffer) {
            if (!domain.isShared() || !domain.heldByCurrentThread()) {
                recover(item, new IllegalStateException("zip buffer of input " + side + " is full (" + maxBuffer
                        + " items) and the other input is driven by the same thread"), null);
                return; // skipped or dead-lettered; the fail policy has thrown
            }
            awaitSpace();
        }
        if (other.isEmpty()) {
            mine.add(item);
            return;
        }
        Object match = other.poll();
        if (space != null) {
            space.signalAll();
        }
        push(side == 0 ? Pair.of((A) item, (B) match) : Pair.of((A) match, (B) item));
        releaseMarkers();
        if (sideDone[1 - side] && other.isEmpty()) {
            finish();
        }
    }

    private void awaitSpace() {
        if (space == null) {
            space = domain.newCondition();
        }
        try {
            // bounded wait: re-checks for cancellation, which does not hold the domain lock
            space.await(10, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Signal.CLOSED;
        }
        if (pipeline.isEnding() || done) {
            throw Signal.CLOSED;
        }
    }

    @Override
    public void onSideComplete(int side) {
        sideDone[side] = true;
        if (buffers[side].isEmpty()) {
            finish();
        }
    }

    @Override
    void release() {
        if (space != null) {
            space.signalAll();
        }
    }

    @Override
    int depth() {
        return buffers[0].size() + buffers[1].size();
    }

    @Override
    String notCheckpointable() {
        return "a zip holds items until their pair arrives, which a checkpoint does not keep yet";
    }
}
