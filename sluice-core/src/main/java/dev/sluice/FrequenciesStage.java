package dev.sluice;

import java.util.HashMap;
import java.util.Map;

/** {@link Pipe#frequencies}: running counts, emitted as an immutable copy per item. */
final class FrequenciesStage<T> extends Stage<T, Map<T, Long>> {
    private final Map<T, Long> counts = new HashMap<>();

    FrequenciesStage(Stage<?, T> up) {
        super(up.pipeline, "frequencies", up.domain);
    }

    @Override
    void onNext(T item) {
        in++;
        counts.merge(item, 1L, Long::sum);
        push(Map.copyOf(counts));
    }

    @Override
    byte[] snapshot() {
        return new StateValues.Writer().value(new java.util.LinkedHashMap<>(counts)).toBytes();
    }

    @Override
    @SuppressWarnings("unchecked")
    void restore(byte[] state) {
        counts.putAll((Map<T, Long>) new StateValues.Reader(state).value());
    }
}
