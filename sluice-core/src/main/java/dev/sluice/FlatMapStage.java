package dev.sluice;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.Function;

/** {@link Pipe#flatMap} and {@link Pipe#flatten}: zero or more outputs per input. */
final class FlatMapStage<I, O> extends Stage<I, O> {
    private final Function<? super I, ? extends Iterable<? extends O>> fn;

    FlatMapStage(Stage<?, I> up, String kind, Function<? super I, ? extends Iterable<? extends O>> fn) {
        super(up.pipeline, kind, up.domain);
        this.fn = Objects.requireNonNull(fn, "fn");
    }

    @Override
    @SuppressWarnings("unchecked")
    void onNext(I item) {
        in++;
        Iterable<? extends O> elements;
        try {
            elements = Objects.requireNonNull(fn.apply(item), "function returned null");
        } catch (Throwable e) {
            Object r = recover(item, e, () -> Objects.requireNonNull(fn.apply(item), "function returned null"));
            if (r == DROP) {
                return;
            }
            elements = (Iterable<? extends O>) r;
        }
        for (O element : elements) {
            push(Objects.requireNonNull(element, "null element"));
        }
    }

    /** The elements of an Iterable or an array, for {@link Pipe#flatten()}. */
    @SuppressWarnings("unchecked")
    static <O> Iterable<O> elements(Object item) {
        if (item instanceof Iterable<?> it) {
            return (Iterable<O>) it;
        }
        if (item instanceof Object[] array) {
            return (Iterable<O>) Arrays.asList(array);
        }
        if (item != null && item.getClass().isArray()) {
            int n = java.lang.reflect.Array.getLength(item);
            java.util.List<Object> list = new java.util.ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(java.lang.reflect.Array.get(item, i));
            }
            return (Iterable<O>) list;
        }
        throw new IllegalArgumentException("cannot flatten a " + (item == null ? "null" : item.getClass().getName())
                + ": need an Iterable or an array");
    }
}
