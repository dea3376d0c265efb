package dev.sluice;

/**
 * A custom node that emits zero or more outputs per input: nanostream's {@code process_item}.
 *
 * <pre>{@code
 * Processor<String, Boolean> evenLength = (message, out) -> out.emit(message.length() % 2 == 0);
 * }</pre>
 *
 * <p>Calls are made from one thread at a time, so an implementation may keep plain fields.
 *
 * @param <I> input type
 * @param <O> output type
 */
@FunctionalInterface
public interface Processor<I, O> {

    /** Handles one input, emitting any number of outputs. Exceptions go to the node's error policy. */
    void process(I item, Emitter<O> out) throws Exception;

    /** Called once on the node's thread before the first item. */
    default void onStart(NodeContext context) throws Exception {}

    /**
     * Called once after the last item when the input completes (not after a failure or
     * cancellation); may emit final outputs.
     */
    default void onComplete(Emitter<O> out) throws Exception {}

    /**
     * Called when a source's {@link NodeContext#whenProcessed} point reaches this node: finish
     * the work on every item received so far (flush a producer, force a file), so that they count
     * as processed. A sink that completes each item in {@link #process} needs nothing here.
     */
    default void flush(Emitter<O> out) throws Exception {}

    /** Called once when the node ends, however it ends. Release resources here. */
    default void onStop() throws Exception {}

    /**
     * This processor fed items of another type: each is converted by {@code convert} before
     * {@link #process}, and every other hook (start, flush, completion, stop) is this
     * processor's own, so a wrapper never forgets to pass a flush on. An exception from
     * {@code convert} is the node's, for its error policy.
     */
    default <T> Processor<T, O> mapInput(java.util.function.Function<? super T, ? extends I> convert) {
        return new InputMappedProcessor<>(this, convert);
    }

    /**
     * This processor with each output converted by {@code convert}, from every hook that emits
     * ({@link #process}, {@link #flush}, {@link #onComplete}); every hook is this processor's own.
     */
    default <R> Processor<I, R> mapOutput(java.util.function.Function<? super O, ? extends R> convert) {
        return new OutputMappedProcessor<>(this, convert);
    }
}
