package dev.sluice;

/**
 * Where a {@link Processor} or {@link Generator} sends its outputs: the Java form of
 * nanostream's {@code yield}. Call it only from the thread that called the node.
 */
@FunctionalInterface
public interface Emitter<O> {
    /**
     * Sends {@code item} downstream, blocking while a downstream queue is full. When the
     * pipeline is stopping or cancelled, a generator's emit unwinds it with an unchecked
     * exception that the pipeline recognises: do not catch {@link RuntimeException} around it.
     */
    void emit(O item);
}
