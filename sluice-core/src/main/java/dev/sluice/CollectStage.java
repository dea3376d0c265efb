package dev.sluice;

import java.util.ArrayList;
import java.util.List;

/** {@link Pipe#collect}: holds items until {@link #flush()}; completion emits a non-empty rest. */
final class CollectStage<T> extends Stage<T, List<T>> implements CollectPipe<T> {
    private List<T> items = new ArrayList<>();

    CollectStage(Stage<?, T> up) {
        super(up.pipeline, "collect", up.domain);
        domain.markShared(); // flush() may come from any thread
    }

    @Override
    void onNext(T item) {
        in++;
        items.add(item);
    }

    @Override
    public void flush() {
        boolean locked = domain.enter();
        try {
            if (done) {
                return;
            }
            List<T> batch = items;
            items = new ArrayList<>();
            push(List.copyOf(batch));
            releaseMarkers();
        } finally {
            domain.exit(locked);
        }
    }

    @Override
    public int pending() {
        boolean locked = domain.enter();
        try {
            return items.size();
        } finally {
            domain.exit(locked);
        }
    }

    @Override
    void beforeComplete() {
        if (!items.isEmpty()) {
            List<T> rest = items;
            items = new ArrayList<>();
            push(List.copyOf(rest));
        }
    }

    @Override
    int depth() {
        return items.size();
    }

    @Override
    String notCheckpointable() {
        return "a collect holds items until it is flushed, which a checkpoint does not keep yet";
    }
}
