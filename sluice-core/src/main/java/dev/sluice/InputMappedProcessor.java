package dev.sluice;

import java.util.Objects;
import java.util.function.Function;

/** {@link Processor#mapInput}: converts each item, and forwards every hook to the processor it wraps. */
final class InputMappedProcessor<T, I, O> implements Processor<T, O> {
    private final Processor<I, O> target;
    private final Function<? super T, ? extends I> convert;

    InputMappedProcessor(Processor<I, O> target, Function<? super T, ? extends I> convert) {
        this.target = Objects.requireNonNull(target, "target");
        this.convert = Objects.requireNonNull(convert, "convert");
    }

    @Override
    public void process(T item, Emitter<O> out) throws Exception {
        target.process(convert.apply(item), out);
    }

    @Override
    public void onStart(NodeContext context) throws Exception {
        target.onStart(context);
    }

    @Override
    public void onComplete(Emitter<O> out) throws Exception {
        target.onComplete(out);
    }

    @Override
    public void flush(Emitter<O> out) throws Exception {
        target.flush(out);
    }

    @Override
    public void onStop() throws Exception {
        target.onStop();
    }
}
