package dev.sluice;

import java.util.function.BiFunction;

/**
 * {@link Pipe#scan} and {@link Pipe#accumulate}. The function returns the new state and an
 * output; a null output means "emit the state" for scan and "emit nothing" for accumulate.
 */
final class ScanStage<S, I, O> extends Stage<I, O> {
    private final BiFunction<? super S, ? super I, Pair<S, O>> fn;
    private final boolean emitState;
    private boolean hasState;
    private S state;

    /**
     * @param startFromFirst true when there is no start value: the first item becomes the state
     */
    @SuppressWarnings("unchecked")
    ScanStage(Stage<?, I> up, String kind, S start, boolean startFromFirst,
            BiFunction<? super S, ? super I, ? extends Pair<S, O>> fn) {
        super(up.pipeline, kind, up.domain);
        this.fn = (BiFunction<? super S, ? super I, Pair<S, O>>) fn;
        this.emitState = !kind.equals("accumulate");
        this.state = start;
        this.hasState = !startFromFirst;
    }

    @Override
    @SuppressWarnings("unchecked")
    void onNext(I item) {
        in++;
        if (!hasState) {
            hasState = true;
            state = (S) item;
            push((O) item);
            return;
        }
        Pair<S, O> next;
        try {
            next = fn.apply(state, item);
        } catch (Throwable e) {
            Object r = recover(item, e, () -> fn.apply(state, item));
            if (r == DROP) {
                return;
            }
            next = (Pair<S, O>) r;
        }
        state = next.first();
        if (emitState) {
            push((O) state);
        } else if (next.second() != null) {
            push(next.second());
        }
    }
}
