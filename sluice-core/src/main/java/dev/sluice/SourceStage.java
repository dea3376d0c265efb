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
        Objects.requireNonNull(item, "item");
        pipeline.checkAccepting(this, completed);
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
            failDown(e);
            throw e;
        } catch (Signal s) {
            refused++;
            throw pipeline.closedException(this);
        } finally {
            domain.exit(locked);
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
