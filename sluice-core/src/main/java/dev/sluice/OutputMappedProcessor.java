package dev.sluice;

import java.util.Objects;
import java.util.function.Function;

/** {@link Processor#mapOutput}: converts what the wrapped processor emits, and forwards every hook. */
final class OutputMappedProcessor<I, O, R> implements Processor<I, R> {
    private final Processor<I, O> target;
    private final Function<? super O, ? extends R> convert;

    OutputMappedProcessor(Processor<I, O> target, Function<? super O, ? extends R> convert) {
        this.target = Objects.requireNonNull(target, "target");
        this.convert = Objects.requireNonNull(convert, "convert");
    }

    // a processor is called from one thread at a time, and the engine passes the same emitter each
    // time: one wrapper, not one per item
    private Emitter<R> lastOut;
    private Emitter<O> lastMapped;

    private Emitter<O> mapped(Emitter<R> out) {
        if (out != lastOut) {
            lastOut = out;
            lastMapped = item -> out.emit(convert.apply(item));
        }
        return lastMapped;
    }

    @Override
    public void process(I item, Emitter<R> out) throws Exception {
        target.process(item, mapped(out));
    }

    @Override
    public void onStart(NodeContext context) throws Exception {
        target.onStart(context);
    }

    @Override
    public void onComplete(Emitter<R> out) throws Exception {
        target.onComplete(mapped(out));
    }

    @Override
    public void flush(Emitter<R> out) throws Exception {
        target.flush(mapped(out));
    }

    @Override
    public void onStop() throws Exception {
        target.onStop();
    }
}
