package dev.sluice;

import java.util.Objects;
import java.util.function.Function;

/** {@link Generator#map}: converts each item emitted, dropping nulls, and forwards {@code onStop}. */
final class OutputMappedGenerator<O, R> implements Generator<R> {
    private final Generator<O> source;
    private final Function<? super O, ? extends R> convert;

    OutputMappedGenerator(Generator<O> source, Function<? super O, ? extends R> convert) {
        this.source = Objects.requireNonNull(source, "source");
        this.convert = Objects.requireNonNull(convert, "convert");
    }

    @Override
    public void generate(NodeContext context, Emitter<R> out) throws Exception {
        source.generate(context, item -> {
            R converted = convert.apply(item);
            if (converted != null) {
                out.emit(converted);
            }
        });
    }

    @Override
    public void onStop() throws Exception {
        source.onStop();
    }
}
