package dev.sluice;

import java.util.Objects;
import java.util.concurrent.Flow;

/**
 * {@link Pipeline#fromPublisher}: subscribes from a thread of its own when the pipeline starts
 * and pushes each item on whatever thread the publisher calls {@code onNext} from. Demand is {@code prefetch} at first and replenished in chunks of three
 * quarters of it as items are pushed through, so at most {@code prefetch} items are ever
 * requested and not yet processed.
 */
final class PublisherSourceStage<T> extends Stage<T, T> implements Flow.Subscriber<T> {
    @Override
    boolean feedsTheGraph() {
        return true;
    }

    private final Flow.Publisher<? extends T> publisher;
    private final int prefetch;
    private final int replenish;
    private volatile Flow.Subscription subscription;
    private int consumed;

    PublisherSourceStage(PipelineImpl pipeline, Flow.Publisher<? extends T> publisher, int prefetch) {
        super(pipeline, "publisher", new Domain());
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be positive: " + prefetch);
        }
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.prefetch = prefetch;
        this.replenish = Math.max(1, prefetch - prefetch / 4);
        domain.markShared(); // publisher thread and stop() may both enter
    }

    @Override
    void onStart() {
        // A synchronous publisher emits inside subscribe()/request(): give it a thread of ours,
        // so it neither runs on the caller of start() nor blocks it.
        pipeline.startThread(this, () -> publisher.subscribe(this));
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        if (subscription != null || done) {
            s.cancel();
            return;
        }
        subscription = s;
        s.request(prefetch);
    }

    @Override
    public void onNext(T item) {
        boolean locked = domain.enter();
        try {
            if (done) {
                dropped++;
                return;
            }
            in++;
            push(item);
        } catch (Signal | PipelineException e) {
            subscription.cancel();
            if (e instanceof PipelineException p) {
                failDown(p);
            }
            return;
        } finally {
            domain.exit(locked);
        }
        if (++consumed == replenish) {
            consumed = 0;
            subscription.request(replenish);
        }
    }

    @Override
    public void onError(Throwable error) {
        PipelineException failure = pipeline.fail(name, PipelineException.NO_ITEM, error);
        boolean locked = domain.enter();
        try {
            failDown(failure);
        } finally {
            domain.exit(locked);
        }
    }

    @Override
    public void onComplete() {
        boolean locked = domain.enter();
        try {
            finish();
        } catch (Signal | PipelineException ignored) {
            // ending anyway
        } finally {
            domain.exit(locked);
        }
    }

    void stopGracefully() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        onComplete();
    }

    @Override
    void onCancel() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
