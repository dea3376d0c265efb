package dev.sluice;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * {@link Pipeline#source(String)}: the emitting thread runs the graph. Not for concurrent
 * emitters; use a queued source for those.
 */
final class SourceStage<T> extends Stage<T, T> implements Source<T> {
    private volatile boolean completed;

    SourceStage(PipelineImpl pipeline) {
        super(pipeline, "source", new Domain());
    }

    @Override
    void onNext(T item) {
        emit(item);
    }

    @Override
    long emitted() {
        return in - refused; // every item emitted goes on, so it is not counted twice (see Stage.received)
    }

    @Override
    public void emit(T item) {
        admit(item);
        boolean locked = domain.enter();
        try {
            in++;
            Inlet<? super T> next = only;
            if (next != null) {
                next.onNext(item); // see Stage.only
            } else {
                pushAll(item);
            }
        } catch (PipelineException e) {
            throw failedBelow(e);
        } catch (Signal s) {
            throw refusedBelow();
        } finally {
            domain.exit(locked);
        }
    }

    /** Refuses a null item, or any item once the pipeline or this source no longer accepts. */
    private void admit(T item) {
        Objects.requireNonNull(item, "item");
        pipeline.checkAccepting(this, completed);
    }

    /** A stage below failed the pipeline on this item: ends this source too. */
    private PipelineException failedBelow(PipelineException e) {
        failDown(e);
        return e;
    }

    /** The stages below refused the item because the pipeline is ending (see Stage.refused). */
    private IllegalStateException refusedBelow() {
        refused++;
        return pipeline.closedException(this);
    }

    /**
     * The loop runs here rather than in the caller, so the JIT compiles it with the graph below
     * inlined into it: {@link #emit} in a caller's loop is one call per item, as the graph makes it
     * too big to inline there. A shared domain is entered per item, so that a timer or another
     * input is not shut out for the whole iteration; it is checked per item, as wiring may share
     * the domain while the loop runs. The hand-over repeats {@link #emit}'s rather than calling a
     * method both share: that method, compiled on its own with the graph in it, would be too big to
     * inline into this loop as well.
     */
    @Override
    public void emitAll(Iterable<? extends T> items) {
        Objects.requireNonNull(items, "items");
        try {
            for (T item : items) {
                if (domain.isShared()) {
                    emit(item);
                    continue;
                }
                admit(item);
                in++;
                Inlet<? super T> next = only;
                if (next != null) {
                    next.onNext(item); // see Stage.only
                } else {
                    pushAll(item);
                }
            }
        } catch (PipelineException e) {
            throw failedBelow(e);
        } catch (Signal s) {
            throw refusedBelow();
        }
    }

    @Override
    public EmitResult tryEmit(T item) {
        if (completed || pipeline.isEnding()) {
            return EmitResult.CLOSED;
        }
        emit(item);
        return EmitResult.ACCEPTED;
    }

    @Override
    public CompletableFuture<Void> emitAsync(T item) {
        try {
            emit(item);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void complete() {
        if (completed) {
            return;
        }
        completed = true;
        pipeline.ensureStarted(); // threaded nodes downstream need their threads to see the end
        boolean locked = domain.enter();
        try {
            finish();
        } catch (Signal ignored) {
            // cancelled meanwhile
        } finally {
            domain.exit(locked);
        }
    }

    /** Graceful stop. */
    void stopGracefully() {
        complete();
    }
}
