package dev.sluice;

/**
 * A custom source node that produces items on its own thread: nanostream's {@code generator}.
 * When {@link #generate} returns, the node completes and completion flows downstream.
 *
 * <pre>{@code
 * Generator<String> foo = (ctx, out) -> {
 *     while (ctx.active()) {
 *         ctx.clock().sleep(Duration.ofSeconds(5));
 *         out.emit("foobar");
 *     }
 * };
 * }</pre>
 *
 * @param <O> output type
 */
@FunctionalInterface
public interface Generator<O> {

    /**
     * Produces items until there are no more or {@link NodeContext#active()} turns false.
     * On stop the thread is interrupted, so blocking calls end early.
     */
    void generate(NodeContext context, Emitter<O> out) throws Exception;

    /**
     * Called once when the node ends, however it ends: after {@link #generate} returned and the
     * actions it gave to {@link NodeContext#whenProcessed} have run (or the pipeline ended
     * without them). Release resources here; it may run on another pipeline thread.
     */
    default void onStop() throws Exception {}

    /**
     * This generator with each item it emits converted by {@code convert}; a null result emits
     * nothing, so the conversion may also drop items. {@link #onStop} is this generator's own.
     */
    default <R> Generator<R> map(java.util.function.Function<? super O, ? extends R> convert) {
        return new OutputMappedGenerator<>(this, convert);
    }
}
