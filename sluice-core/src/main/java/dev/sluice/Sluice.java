package dev.sluice;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The entry point.
 *
 * <pre>{@code
 * // streamz: an operator graph you emit into
 * Source<Integer> source = Sluice.source();
 * Pipe<Integer> stream = source.map(x -> x + 1).scan(Integer::sum);
 * stream.sink(System.out::println);
 * for (int i = 0; i < 3; i++) source.emit(i);      // prints 1, 3, 6
 *
 * // a pipeline with settings, threads and monitoring
 * try (Pipeline p = Sluice.pipeline().name("etl").build()) {
 *     p.fromIterable("lines", lines).map(String::trim).buffer(1024).sink(out::add);
 * }
 *
 * // snapstream: bind iterables to a handler and sinks
 * Sluice.snap(List.of(0, 1, 2, 3, 4), msg -> "Hello " + msg, System.out::println);
 * Sluice.stream();
 * }</pre>
 */
public final class Sluice {
    private static final Bindings DEFAULT_BINDINGS = new Bindings(new PipelineBuilder().name("snap"));

    private Sluice() {}

    /** Settings for a new pipeline. */
    public static PipelineBuilder pipeline() {
        return new PipelineBuilder();
    }

    /**
     * A synchronous source in a new pipeline with default settings; reach the pipeline with
     * {@link Pipe#pipeline()} to monitor, stop or close it.
     */
    public static <T> Source<T> source() {
        return new PipelineBuilder().build().source("source");
    }

    /** A new, empty set of bindings with default pipeline settings. */
    public static Bindings bindings() {
        return new Bindings(new PipelineBuilder().name("snap"));
    }

    /** A new, empty set of bindings running on a pipeline with {@code settings}. */
    public static Bindings bindings(PipelineBuilder settings) {
        return new Bindings(settings);
    }

    /**
     * Adds a binding to the process-wide default set run by {@link #stream()}, as snapstream's
     * {@code @snap} decorator does.
     */
    @SafeVarargs
    public static <T, R> void snap(Iterable<? extends T> source, Function<? super T, ? extends R> handler,
            Consumer<? super R>... sinks) {
        DEFAULT_BINDINGS.snap(List.of(source), handler, List.of(sinks));
    }

    /** Runs the default bindings added with {@link #snap}; blocks until all sources are exhausted. */
    public static void stream() throws InterruptedException {
        DEFAULT_BINDINGS.stream();
    }
}
