package dev.sluice;

import dev.sluice.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link Pipeline#generate} and {@link Pipeline#fromIterable}: a source that runs a
 * {@link Generator} on its own thread. When the generator returns, or a graceful stop ends it,
 * the stage completes downstream; on cancellation it just ends.
 */
final class GeneratorStage<T> extends Stage<Void, T> implements NodeContext {
    @Override
    boolean feedsTheGraph() {
        return true;
    }

    private final Generator<T> generator;
    /** {@link Pipeline#fromIterable} over a collection: walked in chunks by {@link #walk}, not through emit. */
    private final java.util.Collection<? extends T> collection;
    private volatile boolean stopRequested;
    private volatile Thread thread;

    /**
     * @param inMemory the generator never blocks between emits (it walks a collection): its
     *     items may be staged in the queues below and published in batches, as a worker's are
     */
    GeneratorStage(PipelineImpl pipeline, String kind, Generator<T> generator, boolean inMemory) {
        super(pipeline, kind, new Domain(inMemory));
        this.generator = Objects.requireNonNull(generator, "generator");
        this.collection = null;
    }

    /**
     * A source walking {@code items}: it never blocks between items, so they are staged in the
     * queues below and published in batches, as a worker's are, and the per-item work of
     * {@link #emit} (stop checks, entering the domain, timing) is done once per chunk.
     */
    GeneratorStage(PipelineImpl pipeline, java.util.Collection<? extends T> items) {
        super(pipeline, "iterable", new Domain(true));
        this.collection = Objects.requireNonNull(items, "items");
        this.generator = (ctx, out) -> walk(collection);
    }

    @Override
    void onNext(Void item) {
        throw new IllegalStateException("a generator has no input");
    }

    @Override
    void onStart() {
        thread = pipeline.startThread(this, this::run);
    }

    @Override
    long emitted() {
        return in - refused; // every item emitted goes on, so it is not counted twice (see Stage.received)
    }

    /** True while the generator's own code runs; guarded by this. */
    private boolean generating;

    private void emit(T item) {
        Objects.requireNonNull(item, "generator emitted null");
        if (stopRequested || pipeline.isEnding()) {
            throw Signal.CLOSED;
        }
        // Reading the clock costs more than the hand-over itself on some machines (a VM's
        // clock_gettime, 25 ns here): time one emit in SAMPLE_EVERY and scale their mean to all.
        boolean timed = (in & (SAMPLE_EVERY - 1)) == 0;
        long started = timed ? System.nanoTime() : 0;
        boolean locked = domain.enter();
        try {
            in++;
            Inlet<? super T> next = only;
            if (next != null) {
                next.onNext(item); // see Stage.only
            } else {
                pushAll(item);
            }
        } catch (Signal s) {
            refused++;
            throw s;
        } finally {
            domain.exit(locked);
            if (timed) {
                sampledNanos += System.nanoTime() - started;
                samples++;
            }
        }
    }

    /**
     * Items walked between two looks at a stop, a cancellation or a failure: a stop takes effect
     * within this many items, and a chunk's two clock reads cost 0.05 ns per item.
     */
    private static final int CHUNK = 1024;

    /**
     * Hands over a collection's items, a chunk at a time inside the domain. Only the hand-over
     * itself is per item: without the per-item checks of {@link #emit}, the source thread of three
     * threaded stages went from 13 to 11.2 ns per item (measured on one core).
     */
    private void walk(java.util.Collection<? extends T> items) {
        java.util.Iterator<? extends T> it = items.iterator();
        while (it.hasNext()) {
            if (!active()) {
                return;
            }
            long started = System.nanoTime();
            boolean locked = domain.enter();
            int n = 0;
            try {
                Inlet<? super T> next = only;
                while (n < CHUNK && it.hasNext()) {
                    T item = Objects.requireNonNull(it.next(), "iterable holds a null item");
                    n++;
                    if (next != null) {
                        next.onNext(item); // see Stage.only
                    } else {
                        pushAll(item);
                    }
                }
            } catch (Signal s) {
                refused++;
                throw s;
            } finally {
                in += n;
                domain.exit(locked);
                sampledNanos += System.nanoTime() - started;
                samples += n;
            }
        }
    }

    /**
     * Two clock reads per 64 emits were 0.8 ns per item, against 12 ns for all the source thread of
     * three threaded stages does per item (measured on one core).
     */
    private static final int SAMPLE_EVERY = 1024;
    /** Time the timed emits took, and how many there were; the domain's thread writes them. */
    private long sampledNanos;
    private long samples;

    @Override
    long busyNanos() {
        long n = samples;
        return n == 0 ? 0 : (long) ((double) sampledNanos / n * in); // read by monitoring threads: an estimate anyway
    }

    private void run() {
        try {
            try {
                synchronized (this) {
                    generating = true;
                    if (stopRequested) {
                        Thread.currentThread().interrupt(); // the stop came first: the generator sees it
                    }
                }
                try {
                    generator.generate(this, this::emit);
                    domain.batchEnded(); // publishes what an in-memory generator staged
                } finally {
                    synchronized (this) {
                        generating = false; // from now on a stop does not interrupt: completion must get through
                    }
                }
            } catch (Signal | InterruptedException e) {
                if (!stopRequested) {
                    return; // cancelled or failed elsewhere
                }
            } catch (PipelineException e) {
                failAll(e);
                return;
            } catch (Throwable e) {
                if (stopRequested) {
                    // a stop interrupts blocking I/O, which then fails in its own way: that is the stop
                    Thread.interrupted();
                    checkpointTheRest();
                    boolean locked = domain.enter();
                    try {
                        finish();
                    } finally {
                        domain.exit(locked);
                    }
                    return;
                }
                try {
                    recover(PipelineException.NO_ITEM, e, null);
                } catch (PipelineException failure) {
                    failAll(failure);
                    return;
                }
            }
            Thread.interrupted(); // a stop may have interrupted us before; completion must not see it
            checkpointTheRest();
            boolean locked = domain.enter();
            try {
                finish();
            } finally {
                domain.exit(locked);
            }
        } catch (Signal | PipelineException ignored) {
            // the pipeline is ending
        } finally {
            exited = true;
            if (pendingMarkers.get() == 0 || pipeline.isEnding()) {
                stopOnce();
            }
        }
    }

    // ------------------------------------------------------------------ whenProcessed

    private final AtomicInteger pendingMarkers = new AtomicInteger();
    private final AtomicBoolean stopCalled = new AtomicBoolean();
    private volatile boolean exited;

    /** A record the source could not make an item of (an over-long or undecodable line): its own policy decides. */
    @Override
    public void reject(Object item, Throwable error) {
        recover(item, error, null);
    }

    @Override
    public void whenProcessed(Runnable action) {
        send(failingThePipeline(action), null);
    }

    @Override
    public boolean checkpointing() {
        return pipeline.checkpointing();
    }

    /** Parts given since the last barrier; the generator's thread only. */
    private final List<Object> parts = new ArrayList<>();
    private long lastBarrierMillis = Long.MIN_VALUE;

    @Override
    public void checkpoint(Object part) {
        Checkpointer checkpointer = pipeline.checkpointer();
        if (checkpointer == null) {
            NodeContext.super.checkpoint(part);
        }
        if (part != null) {
            if (!checkpointer.store().takes(part)) {
                throw new IllegalStateException("node '" + name + "' takes part in checkpoints with " + part
                        + ", which the pipeline's checkpoint store cannot commit with the rest");
            }
            parts.add(part);
        }
        long now = pipeline.clock().currentTimeMillis();
        if (!parts.isEmpty() && (lastBarrierMillis == Long.MIN_VALUE
                || now - lastBarrierMillis >= checkpointer.interval().toMillis())) {
            sendBarrier(checkpointer, now);
        }
    }

    /** Sends the parts given so far behind a barrier, however recent the last one: the input ended. */
    private void checkpointTheRest() {
        Checkpointer checkpointer = pipeline.checkpointer();
        if (checkpointer != null && !parts.isEmpty()) { // a cancelled pipeline refuses it: Signal, caught in run
            sendBarrier(checkpointer, pipeline.clock().currentTimeMillis());
        }
    }

    private void sendBarrier(Checkpointer checkpointer, long now) {
        Barrier barrier = checkpointer.newBarrier(java.time.Instant.ofEpochMilli(now), parts);
        parts.clear();
        lastBarrierMillis = now;
        send(failingThePipeline(() -> {
            try {
                checkpointer.completed(barrier);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("checkpoint " + barrier.id + " could not be committed: "
                        + e.getMessage(), e);
            }
        }), barrier);
    }

    /** Sends a marker behind what this generator emitted so far; {@code action} runs once it passed every node. */
    private void send(Runnable action, Barrier barrier) {
        pendingMarkers.incrementAndGet();
        Marker marker = new Marker(() -> {
            try {
                action.run();
            } finally {
                // the generator may be gone already, waiting for this to release its resources
                if (pendingMarkers.decrementAndGet() == 0 && exited) {
                    stopOnce();
                }
            }
        }, barrier);
        // A graceful stop interrupts the generator, often just before this call (in a poll), and
        // must not interrupt the hand-over either (a full queue waits for the drain): the marker
        // has to reach the queues, or what was emitted is never acknowledged. So the flag is
        // cleared, and stops are held off as after generate() returned; a stop that came
        // meanwhile interrupts afterwards. A cancellation still ends the hand-over (closed queues).
        boolean interrupted = Thread.interrupted();
        boolean wasGenerating;
        synchronized (this) {
            wasGenerating = generating;
            generating = false;
        }
        boolean locked = domain.enter();
        try {
            passMarker(marker);
        } finally {
            domain.exit(locked);
            synchronized (this) {
                generating = wasGenerating;
                if (interrupted || (wasGenerating && stopRequested)) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    @Override
    void onCancel() {
        if (exited) {
            stopOnce(); // the markers will not come through now
        }
    }

    @Override
    void afterEnd() {
        stopOnce(); // every thread is gone; a marker lost on the way must not keep resources open
    }

    /** Runs the generator's onStop once, on whichever thread sees that it may run first. */
    private void stopOnce() {
        if (!stopCalled.compareAndSet(false, true)) {
            return;
        }
        try {
            generator.onStop();
        } catch (Exception e) {
            pipeline.fail(name, PipelineException.NO_ITEM, e);
        }
    }

    private void failAll(PipelineException failure) {
        boolean locked = domain.enter();
        try {
            failDown(failure);
        } finally {
            domain.exit(locked);
        }
    }

    /** Graceful stop: the generator's next emit unwinds it, and completion flows downstream. */
    void stopGracefully() {
        stopRequested = true;
        Thread t = thread;
        if (t != null && t != Thread.currentThread()) {
            synchronized (this) {
                // interrupt only a generator still generating: one already completing is putting
                // the end marker into a full queue, and an interrupt there would lose it
                if (generating) {
                    t.interrupt();
                }
            }
        } else if (t == null) {
            // never started: complete right away
            boolean locked = domain.enter();
            try {
                finish();
            } finally {
                domain.exit(locked);
            }
        }
    }

    @Override
    public Clock clock() {
        return pipeline.clock();
    }

    @Override
    public boolean active() {
        return !stopRequested && !pipeline.isEnding();
    }
}
