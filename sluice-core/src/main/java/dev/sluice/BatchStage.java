package dev.sluice;

import dev.sluice.time.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@link Pipe#batch}: lists of n items (or of a total weight), per key when a key function is
 * given. A timeout emits a partial list that long after its first item; completion emits every
 * partial list.
 */
final class BatchStage<T, K> extends Stage<T, List<T>> {
    private static final Object NO_KEY = new Object();

    private final int n;
    private final Duration timeout;
    private final Function<? super T, ? extends K> key;
    private final Map<Object, Batch<T>> batches = new LinkedHashMap<>();
    private final long maxWeight;
    private final java.util.function.ToLongFunction<? super T> weight;

    BatchStage(Stage<?, T> up, int n, Duration timeout, Function<? super T, ? extends K> key, long maxWeight,
            java.util.function.ToLongFunction<? super T> weight) {
        super(up.pipeline, "batch", up.domain);
        if (n < 1) {
            throw new IllegalArgumentException("batch size must be positive: " + n);
        }
        this.n = n;
        this.timeout = timeout;
        this.key = key;
        this.maxWeight = maxWeight;
        this.weight = weight;
        if (timeout != null) {
            domain.markShared();
        }
    }

    @Override
    void onNext(T item) {
        in++;
        Object k = NO_KEY;
        if (key != null) {
            try {
                k = key.apply(item);
            } catch (Throwable e) {
                k = recover(item, e, () -> key.apply(item));
                if (k == DROP) {
                    return;
                }
            }
        }
        long w = 0;
        if (weight != null) {
            try {
                w = weight.applyAsLong(item);
            } catch (Throwable e) {
                Object r = recover(item, e, () -> weight.applyAsLong(item));
                if (r == DROP) {
                    return;
                }
                w = (Long) r;
            }
        }
        Batch<T> batch = batches.get(k);
        if (batch != null && !batch.items.isEmpty() && batch.weight + w > maxWeight) {
            emit(k, batch); // this item would tip it over: the batch goes as it is, the item starts the next
            releaseMarkers();
            batch = null;
        }
        if (batch == null) {
            batch = new Batch<>(n, ++made);
            batches.put(k, batch);
            if (timeout != null) {
                Object timedKey = k;
                Batch<T> timedBatch = batch;
                batch.timer = pipeline.schedule(timeout, () -> runTimed(() -> emit(timedKey, timedBatch)));
            }
        }
        batch.items.add(item);
        batch.weight += w;
        if (batch.items.size() == n || batch.weight >= maxWeight) {
            emit(k, batch);
            releaseMarkers();
        }
    }

    /** Batches started so far: a marker waits for every batch open when it arrived. */
    private long made;

    @Override
    long holdTag() {
        return made;
    }

    @Override
    boolean stillHolds(long tag) {
        // batches are in creation order, so the first one is the oldest still open
        return !batches.isEmpty() && batches.values().iterator().next().seq <= tag;
    }

    private void emit(Object k, Batch<T> batch) {
        if (batches.get(k) != batch) {
            return; // already emitted when it filled up
        }
        batches.remove(k);
        if (batch.timer != null) {
            batch.timer.cancel();
        }
        push(List.copyOf(batch.items));
    }

    @Override
    void beforeComplete() {
        for (Map.Entry<Object, Batch<T>> e : List.copyOf(batches.entrySet())) {
            emit(e.getKey(), e.getValue());
        }
    }

    @Override
    void release() {
        batches.values().forEach(b -> {
            if (b.timer != null) {
                b.timer.cancel();
            }
        });
    }

    @Override
    int depth() {
        return batches.values().stream().mapToInt(b -> b.items.size()).sum();
    }

    private static final class Batch<T> {
        final List<T> items;
        final long seq;
        long weight;
        Cancellable timer;

        Batch(int n, long seq) {
            items = new ArrayList<>(Math.min(n, 1024));
            this.seq = seq;
        }
    }

    @Override
    String notCheckpointable() {
        return "a batch holds items until it is full, which a checkpoint does not keep yet";
    }
}
