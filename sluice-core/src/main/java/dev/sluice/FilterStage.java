package dev.sluice;

import java.util.Objects;
import java.util.function.Predicate;

/** {@link Pipe#filter} and {@link Pipe#filterNot}. */
final class FilterStage<T> extends Stage<T, T> {
    private final Predicate<? super T> predicate;
    private final boolean negate;

    FilterStage(Stage<?, T> up, Predicate<? super T> predicate, boolean negate) {
        super(up.pipeline, negate ? "filterNot" : "filter", up.domain);
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.negate = negate;
    }

    @Override
    long received() {
        return emittedAbove(); // not counted per item: see Stage.received
    }

    @Override
    void onNext(T item) {
        boolean keep;
        try {
            keep = predicate.test(item);
        } catch (Throwable e) {
            Object r = recover(item, e, () -> predicate.test(item));
            if (r == DROP) {
                return;
            }
            keep = (Boolean) r;
        }
        if (keep != negate) {
            out++; // before the hand-over: an item that fails below was still handed over
            try {
                Inlet<? super T> next = only;
                if (next != null) {
                    next.onNext(item); // see Stage.only
                } else {
                    pushAll(item);
                }
            } catch (Signal s) {
                out--; // refused because the pipeline is ending: counted as never emitted (see Stage.refused)
                throw s;
            }
        }
    }
}
