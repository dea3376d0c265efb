package dev.sluice;

/**
 * Window results, plus a side output for items that arrived too late for any window.
 *
 * @param <K> key type
 * @param <T> input item type
 * @param <R> aggregate type
 */
public interface Aggregated<K, T, R> extends Pipe<WindowResult<K, R>> {
    /**
     * Items too late for their windows. Without a subscriber they are dropped and counted in
     * the window node's {@code dropped} counter.
     */
    Pipe<T> late();
}
