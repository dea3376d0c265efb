package dev.sluice;

/**
 * The end of a branch, made by {@link Pipe#sink}. Sinks have no outputs; their handle lets you
 * name them, give them an error policy, or react to the end of the stream.
 */
public interface Sink<T> {
    /** The sink's unique name in the pipeline. */
    String name();

    /** Renames the sink. */
    Sink<T> named(String name);

    /** How exceptions thrown by the sink's action are handled. */
    Sink<T> errorPolicy(ErrorPolicy policy);

    /** Called once when the stream completes normally. */
    Sink<T> onComplete(Runnable action);

    /** Called once with the pipeline's failure, if the stream upstream fails. */
    Sink<T> onError(java.util.function.Consumer<? super Throwable> action);
}
