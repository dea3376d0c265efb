package dev.sluice;

import java.util.function.BiFunction;

/**
 * {@link Pipe#scan} and {@link Pipe#accumulate}. For scan the function returns the new state,
 * which is emitted; for accumulate it returns the new state and an output, and a null output
 * emits nothing. Scan keeps its own function so that it allocates nothing per item.
 */
final class ScanStage<S, I, O> extends Stage<I, O> {
    private final BiFunction<? super S, ? super I, ? extends S> reducer;
    private final BiFunction<? super S, ? super I, Pair<S, O>> accumulator;
    private boolean hasState;
    private S state;

    private ScanStage(Stage<?, I> up, String kind, S start, boolean startFromFirst,
            BiFunction<? super S, ? super I, ? extends S> reducer, BiFunction<? super S, ? super I, Pair<S, O>> accumulator) {
        super(up.pipeline, kind, up.domain);
        this.reducer = reducer;
        this.accumulator = accumulator;
        this.state = start;
        this.hasState = !startFromFirst;
    }

    /** {@code scan}: emits each new state. @param startFromFirst no start value: the first item is the state */
    static <S, I> ScanStage<S, I, S> scan(Stage<?, I> up, S start, boolean startFromFirst,
            BiFunction<? super S, ? super I, ? extends S> fn) {
        return new ScanStage<>(up, "scan", start, startFromFirst, java.util.Objects.requireNonNull(fn, "fn"), null);
    }

    /** {@code accumulate}: emits the second of each pair, unless it is null. */
    @SuppressWarnings("unchecked")
    static <S, I, O> ScanStage<S, I, O> accumulate(Stage<?, I> up, S start,
            BiFunction<? super S, ? super I, ? extends Pair<S, O>> fn) {
        return new ScanStage<>(up, "accumulate", start, false, null,
                (BiFunction<? super S, ? super I, Pair<S, O>>) java.util.Objects.requireNonNull(fn, "fn"));
    }

    @Override
    long received() {
        return emittedAbove(); // not counted per item: see Stage.received
    }

    /** A scan emits every state, so its output is derived; an accumulate's null outputs are not. */
    @Override
    long emitted() {
        return reducer != null ? passedOn() : out;
    }

    @Override
    @SuppressWarnings("unchecked")
    void onNext(I item) {
        if (!hasState) {
            hasState = true;
            state = (S) item;
            handOver((O) item);
            return;
        }
        O emitted;
        if (reducer != null) {
            S next;
            try {
                next = java.util.Objects.requireNonNull(reducer.apply(state, item), "function returned null");
            } catch (Throwable e) {
                Object r = recover(item, e,
                        () -> java.util.Objects.requireNonNull(reducer.apply(state, item), "function returned null"));
                if (r == DROP) {
                    return;
                }
                next = (S) r;
            }
            state = next;
            emitted = (O) next;
        } else {
            Pair<S, O> next;
            try {
                next = accumulator.apply(state, item);
            } catch (Throwable e) {
                Object r = recover(item, e, () -> accumulator.apply(state, item));
                if (r == DROP) {
                    return;
                }
                next = (Pair<S, O>) r;
            }
            state = next.first();
            emitted = next.second();
        }
        if (emitted != null) {
            handOver(emitted);
        }
    }

    private void handOver(O emitted) {
        if (reducer == null) {
            out++; // an accumulate counts what it emits; a scan derives it (see emitted())
        }
        try {
            Inlet<? super O> down = only;
            if (down != null) {
                down.onNext(emitted); // see Stage.only
            } else {
                pushAll(emitted);
            }
        } catch (Signal s) {
            if (reducer == null) {
                out--; // refused because the pipeline is ending: counted as never emitted (see Stage.refused)
            }
            throw s;
        }
    }

    @Override
    byte[] snapshot() {
        return new StateValues.Writer().value(hasState).value(state).toBytes();
    }

    @Override
    @SuppressWarnings("unchecked")
    void restore(byte[] snapshot) {
        StateValues.Reader r = new StateValues.Reader(snapshot);
        hasState = (Boolean) r.value();
        state = (S) r.value();
    }
}
