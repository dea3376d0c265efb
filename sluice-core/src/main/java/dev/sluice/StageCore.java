package dev.sluice;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Flow;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A node of the graph as the engine sees it: it receives items of type {@code I} (as an
 * {@link Inlet}) and pushes items of type {@code O} to its subscribers. This class holds what every
 * operator shares apart from the {@link Pipe} facade ({@link Stage}): wiring, counters, the
 * in-band marker protocol (with {@link MarkerHold}), completion and failure, and the error policy
 * (applied by {@link ErrorRecovery}).
 *
 * <p>Threading: a stage runs in its {@link Domain}; its plain fields and counters are written
 * only by the thread currently inside that domain. {@code done} is volatile because monitoring
 * and cancellation read it from other threads.
 */
abstract class StageCore<I, O> extends Inlet<I> {
    /** Returned by {@link #recover} when the failed item is not to be emitted. */
    static final Object DROP = new Object();

    @SuppressWarnings("rawtypes")
    private static final Inlet[] NONE = new Inlet[0];

    final PipelineImpl pipeline;
    final String kind;
    final Domain domain;
    String name;
    ErrorPolicy policy = ErrorPolicy.fail();
    final List<Stage<?, ?>> inputs = new ArrayList<>(1);

    @SuppressWarnings("rawtypes")
    private Inlet[] outs = NONE;

    /**
     * The subscriber when there is exactly one, else null. The hot operators call it from their
     * own {@code onNext} rather than through {@link #push}: the JIT profiles a call site per
     * method, so a call in the shared {@code push} sees every operator type, goes megamorphic and
     * is never inlined, while a call in {@code MapStage.onNext} sees only what follows a map, and
     * a chain of such calls inlines into one loop (what Reactor gets from operator fusion).
     */
    Inlet<? super O> only;

    int openInputs;
    volatile boolean done;

    long in;
    long out;
    long errors;
    long skipped;
    long retried;
    long deadLettered;
    long dropped;
    long busyNanos;
    /** Items this stage failed the pipeline on (0 or 1); part of {@link #passedOn}. */
    long failedItems;
    /**
     * At a source or generator: items the stages below refused because the pipeline was ending
     * (a {@link Signal} instead of taking them). Such an item counts as never emitted, by the
     * source and by every stage that derives its counts from it, so that the counts of a stopped
     * pipeline still show every item out of a node going into the next.
     */
    long refused;

    StageCore(PipelineImpl pipeline, String kind, Domain domain) {
        this.pipeline = pipeline;
        this.kind = kind;
        this.domain = domain;
    }

    // ------------------------------------------------------------------ counts, for monitoring

    /**
     * Items received. The hot operators (map, filter, scan, sink) are fed directly by the one
     * stage they were attached to, so they return its {@link #emitted} instead of counting: an
     * item counted out of one stage and again into the next cost stores into five objects per
     * item of a sync chain (measured in docs/architecture.md, Monitoring).
     */
    long received() {
        return in;
    }

    /** For the hot operators: what the one stage they were attached to has emitted. */
    final long emittedAbove() {
        return inputs.get(0).emitted();
    }

    /** Time this stage's thread spent working; monitoring reads it from any thread. */
    long busyNanos() {
        return busyNanos;
    }

    /** Items emitted; one-to-one operators derive it with {@link #passedOn} instead of counting. */
    long emitted() {
        return out;
    }

    /** For a stage that emits one item per item received: what it received and did not drop. */
    final long passedOn() {
        return received() - skipped - deadLettered - failedItems;
    }

    // ------------------------------------------------------------------ output side

    /** Sends {@code item} to every subscriber, in subscription order, on the current thread. */
    final void push(O item) {
        pushAll(item);
        out++; // counted once handed over: an item refused below (a stop, a failure) is not "out"
    }

    /** {@link #push} without counting: the hot operators count and try {@link #only} themselves. */
    @SuppressWarnings("unchecked")
    final void pushAll(O item) {
        Inlet<? super O>[] o = outs;
        for (int i = 0; i < o.length; i++) {
            o[i].onNext(item);
        }
    }

    // ------------------------------------------------------------------ markers

    /** Markers waiting behind items this stage still holds; made on the first; domain thread only. */
    private MarkerHold held;

    /**
     * A marker arrived. A stage holding nothing passes it on at once; one holding items back
     * keeps it until those items are gone (see {@link #stillHolds}).
     */
    @Override
    void onMarker(Marker marker) {
        if (marker.barrier != null) {
            // a checkpoint keeps this stage's state, not what it holds back: it passes at once
            byte[] state = snapshot();
            if (state != null) {
                marker.barrier.states.put(name, state);
            }
            passMarker(marker);
            return;
        }
        long tag = holdTag();
        if ((held == null || held.isEmpty()) && !stillHolds(tag)) {
            passMarker(marker);
            return;
        }
        if (held == null) {
            held = new MarkerHold();
        }
        held.add(marker, tag);
    }

    /**
     * This stage's state for a checkpoint, or null for a stage that keeps none. Runs on the
     * stage's domain thread as the barrier passes, so the state is exactly what the items before
     * the barrier made of it.
     */
    byte[] snapshot() {
        return null;
    }

    /**
     * Puts back the state {@link #snapshot} made, before the pipeline starts.
     *
     * @throws IllegalStateException saying why the state does not fit this stage (the pipeline changed)
     */
    void restore(byte[] state) {
        throw new IllegalStateException("node '" + name + "' (" + kind + ") keeps no state, but the checkpoint"
                + " holds some for it");
    }

    /**
     * Why a checkpoint cannot cover this stage, or null when it can: a stage holding items between
     * barriers that it cannot snapshot yet (batches, delays, zip buffers) makes checkpoints wrong.
     */
    String notCheckpointable() {
        return null;
    }

    /** What a stage notes when it holds a marker, for {@link #stillHolds}; default 0. */
    long holdTag() {
        return 0;
    }

    /**
     * True while items that were here when a marker with {@code tag} arrived are still held.
     * Default: anything is held at all, which is exact for stages that empty completely (batches,
     * delays) and safe, if slower to release, for the others.
     */
    boolean stillHolds(long tag) {
        return depth() > 0;
    }

    /** Passes on the held markers whose items have gone; buffering stages call it after emitting. */
    final void releaseMarkers() {
        if (held != null) {
            held.release(this);
        }
    }

    /**
     * A {@link NodeContext#whenProcessed} action that fails the pipeline, in this node's name,
     * if it throws: it runs on another node's thread, whose own error policy must not see it.
     */
    final Runnable failingThePipeline(Runnable action) {
        Objects.requireNonNull(action, "action");
        return () -> {
            try {
                action.run();
            } catch (RuntimeException | Error e) {
                pipeline.fail(name, PipelineException.NO_ITEM, e);
            }
        };
    }

    /** Hands {@code marker} to every subscriber, or ends this copy at a stage without any. */
    @SuppressWarnings("unchecked")
    final void passMarker(Marker marker) {
        Inlet<? super O>[] o = outs;
        if (o.length == 0) {
            marker.arrived();
            return;
        }
        marker.fork(o.length - 1);
        for (Inlet<? super O> i : o) {
            i.onMarker(marker);
        }
    }

    @SuppressWarnings("unchecked")
    final void completeDown() {
        for (Inlet<? super O> o : (Inlet<? super O>[]) outs) {
            o.onComplete();
        }
    }

    @SuppressWarnings("unchecked")
    final void errorDown(Throwable error) {
        for (Inlet<? super O> o : (Inlet<? super O>[]) outs) {
            o.onError(error);
        }
    }

    final boolean hasSubscribers() {
        return outs.length > 0;
    }

    /** This stage as the {@link Stage} every stage is: the facade is its only subclass. */
    private Stage<?, ?> self() {
        return (Stage<?, ?>) this;
    }

    /** Subscribes {@code child} to this stage, through a locking gate if it lives in another domain. */
    @SuppressWarnings("unchecked")
    final void connect(Stage<? super O, ?> child) {
        pipeline.checkWiring(self(), child);
        Inlet<? super O> target = child;
        if (!child.acceptsConcurrentInput() && child.domain != domain) {
            child.domain.markShared();
            target = new Gate<>(child);
        }
        child.openInputs++;
        child.inputs.add(self());
        Inlet<? super O>[] next = Arrays.copyOf(outs, outs.length + 1);
        next[outs.length] = target;
        outs = next;
        only = next.length == 1 ? next[0] : null;
    }

    /** Wires a new child below this stage and registers it with the pipeline. */
    final <S extends Stage<? super O, ?>> S attach(S child) {
        connect(child);
        pipeline.install(child);
        return child;
    }

    /** Runs once when the pipeline starts, before any stage's {@link #onStart} and any thread. */
    void prepare() {}

    /**
     * True for stages that put items into the graph by themselves once started (generators,
     * publishers, queued sources): they start after every other stage, so that no item reaches a
     * node whose start hook (opening a file, connecting to a broker) has not run yet.
     */
    boolean feedsTheGraph() {
        return false;
    }

    /** True for stages whose input is thread-safe by itself (queues), so no gate is needed. */
    boolean acceptsConcurrentInput() {
        return false;
    }

    // ------------------------------------------------------------------ input side, lifecycle

    @Override
    void onComplete() {
        if (--openInputs > 0) {
            return;
        }
        finish();
    }

    /** Flushes buffered state, then completes downstream. Runs inside the domain. */
    final void finish() {
        if (done) {
            return;
        }
        beforeComplete();
        if (held != null) {
            held.releaseAll(this); // everything was flushed above
        }
        done = true;
        releaseOnce();
        completeDown();
        pipeline.stageDone(self());
    }

    @Override
    void onError(Throwable error) {
        failDown(error);
    }

    /** Ends the stage because the pipeline failed, and tells the stages below. */
    final void failDown(Throwable error) {
        if (done) {
            return;
        }
        done = true;
        releaseOnce();
        errorDown(error);
        failed(error);
        pipeline.stageDone(self());
    }

    /** Hook: the stage ended because the pipeline failed (sinks tell their owner here). */
    void failed(Throwable error) {}

    /** Marks the stage ended without any signal (cancellation). */
    final void endSilently() {
        if (!done) {
            done = true;
            releaseOnce();
        }
    }

    private boolean released;

    final void releaseOnce() {
        if (!released) {
            released = true;
            release();
        }
    }

    /** Emits what the stage still holds when its input completes. */
    void beforeComplete() {}

    /** Frees timers and resources when the stage ends, however it ends. */
    void release() {}

    /** Called once when the pipeline starts (or at creation, if it already runs). */
    void onStart() {}

    /** Called on cancellation or failure from any thread: wake up and stop waiting. */
    void onCancel() {}

    /** Called once the pipeline has ended, however it ended, when no node thread runs any more. */
    void afterEnd() {}

    /** Input queue for monitoring, if the stage has one. */
    BoundedQueue queue() {
        return null;
    }

    /** Items held by the stage waiting to go on (queued, delayed, batched), for monitoring. */
    int depth() {
        BoundedQueue q = queue();
        return q == null ? 0 : q.size();
    }

    /** Runs a timer task inside this stage's domain; the pipeline's failure ends the stage. */
    final void runTimed(Runnable task) {
        boolean locked = domain.enter();
        try {
            if (!done && !pipeline.state().isTerminal()) {
                task.run();
                releaseMarkers();
            }
        } catch (Signal | PipelineException ignored) {
            // the pipeline is ending; cancellation cleans up
        } catch (RuntimeException | Error e) {
            pipeline.fail(name, PipelineException.NO_ITEM, e);
        } finally {
            domain.exit(locked);
        }
    }

    // ------------------------------------------------------------------ errors

    /**
     * Applies the error policy to {@code error}, thrown by this stage's function on {@code item}.
     * Returns the value of a successful retry, or {@link #DROP}; throws under the fail policy.
     * Control-flow exceptions from further downstream pass through untouched. See {@link ErrorRecovery}.
     */
    final Object recover(Object item, Throwable error, Callable<?> retry) {
        return ErrorRecovery.recover(this, item, error, retry);
    }
}
