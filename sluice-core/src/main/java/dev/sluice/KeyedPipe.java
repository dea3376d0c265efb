package dev.sluice;

/**
 * A stream partitioned by key (from {@link Pipe#keyBy}), ready for windowing. Items of
 * different keys never share a window.
 */
public interface KeyedPipe<K, T> {

    /** Assigns items to windows of the given shape, on processing time unless configured otherwise. */
    WindowedPipe<K, T> window(WindowSpec spec);
}
