package dev.sluice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * snapstream's model in Java: bind a handler to iterables and sinks, then run every binding at
 * once. Each source is read on its own thread; a handler's non-null result goes to each sink in
 * order; {@link #stream()} blocks until every source is exhausted and rethrows the first failure
 * (as a {@link PipelineException} whose cause is the original exception), stopping the others.
 *
 * <pre>{@code
 * Sluice.bindings()
 *     .snap(List.of(0, 1, 2, 3, 4), msg -> "Hello " + msg, System.out::println)
 *     .stream();
 * }</pre>
 */
public final class Bindings {
    private final List<Binding<?, ?>> bindings = new ArrayList<>();
    private final PipelineBuilder settings;

    Bindings(PipelineBuilder settings) {
        this.settings = settings;
    }

    /** Binds {@code handler} to one source; its results go to {@code sinks}. */
    @SafeVarargs
    public final <T, R> Bindings snap(Iterable<? extends T> source, Function<? super T, ? extends R> handler,
            Consumer<? super R>... sinks) {
        return snap(List.of(source), handler, List.of(sinks));
    }

    /** Binds {@code handler} to several sources, each read on its own thread. */
    public synchronized <T, R> Bindings snap(List<? extends Iterable<? extends T>> sources,
            Function<? super T, ? extends R> handler, List<? extends Consumer<? super R>> sinks) {
        Objects.requireNonNull(handler, "handler");
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("a binding needs at least one source");
        }
        bindings.add(new Binding<>(List.copyOf(sources), handler, List.copyOf(sinks)));
        return this;
    }

    /** The number of bindings waiting for {@link #stream()}. */
    public synchronized int size() {
        return bindings.size();
    }

    /**
     * Runs every binding, each source on its own thread, and waits for all of them. The
     * bindings are consumed: a second call runs only bindings added since.
     *
     * @throws PipelineException with the first failure
     */
    public void stream() throws InterruptedException {
        try (Pipeline pipeline = start()) {
            pipeline.await();
        }
    }

    /**
     * Starts every binding and returns at once with the running pipeline, to stop it (sources
     * that never end, like a Kafka topic) or wait for it. The bindings are consumed.
     */
    public Pipeline start() {
        List<Binding<?, ?>> toRun;
        synchronized (this) {
            toRun = List.copyOf(bindings);
            bindings.clear();
        }
        Pipeline pipeline = settings.build();
        int i = 0;
        for (Binding<?, ?> b : toRun) {
            wire(pipeline, b, i++);
        }
        return pipeline.start();
    }

    private static <T, R> void wire(Pipeline pipeline, Binding<T, R> b, int index) {
        for (int s = 0; s < b.sources.size(); s++) {
            String base = "snap-" + index + (b.sources.size() > 1 ? "-" + s : "");
            Pipe<T> source = pipeline.fromIterable(base + "-source", b.sources.get(s));
            Function<? super T, ? extends R> handler = b.handler;
            Pipe<R> results = source.process((T item, Emitter<R> out) -> {
                R r = handler.apply(item);
                if (r != null) {
                    out.emit(r);
                }
            }).named(base + "-handler");
            results.sink(item -> {
                for (Consumer<? super R> sink : b.sinks) {
                    sink.accept(item);
                }
            }).named(base + "-sinks");
        }
    }

    private record Binding<T, R>(
            List<? extends Iterable<? extends T>> sources,
            Function<? super T, ? extends R> handler,
            List<? extends Consumer<? super R>> sinks) {}
}
