package dev.sluice;

import java.util.ArrayDeque;
import java.util.List;

/** {@link Pipe#slidingWindow}: the last n items on every item. */
final class SlidingWindowStage<T> extends Stage<T, List<T>> {
    private final int n;
    private final boolean partial;
    private final ArrayDeque<T> window;

    SlidingWindowStage(Stage<?, T> up, int n, boolean partial) {
        super(up.pipeline, "slidingWindow", up.domain);
        if (n < 1) {
            throw new IllegalArgumentException("window size must be positive: " + n);
        }
        this.n = n;
        this.partial = partial;
        this.window = new ArrayDeque<>(Math.min(n, 1024));
    }

    @Override
    void onNext(T item) {
        in++;
        window.addLast(item);
        if (window.size() > n) {
            window.removeFirst();
        }
        if (partial || window.size() == n) {
            push(List.copyOf(window));
        }
    }

    @Override
    byte[] snapshot() {
        return new StateValues.Writer().value(new java.util.ArrayList<>(window)).toBytes();
    }

    @Override
    @SuppressWarnings("unchecked")
    void restore(byte[] state) {
        window.addAll((List<T>) new StateValues.Reader(state).value());
    }
}
