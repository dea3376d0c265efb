package dev.sluice;

import java.util.Objects;
import java.util.function.Function;

/** {@link Pipe#map} and {@link Pipe#pluck}: one output per input. */
final class MapStage<I, O> extends Stage<I, O> {
    private final Function<? super I, ? extends O> fn;

    MapStage(Stage<?, I> up, String kind, Function<? super I, ? extends O> fn) {
        super(up.pipeline, kind, up.domain);
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    @Override
    long received() {
        return emittedAbove(); // not counted per item: see Stage.received
    }

    @Override
    long emitted() {
        return passedOn();
    }

    @Override
    @SuppressWarnings("unchecked")
    void onNext(I item) {
        Object result;
        try {
            result = Objects.requireNonNull(fn.apply(item), "function returned null");
        } catch (Throwable e) {
            result = recover(item, e, () -> Objects.requireNonNull(fn.apply(item), "function returned null"));
            if (result == DROP) {
                return;
            }
        }
        Inlet<? super O> next = only;
        if (next != null) {
            next.onNext((O) result); // see Stage.only
        } else {
            pushAll((O) result);
        }
    }
}
