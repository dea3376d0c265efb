package dev.sluice;

import java.util.List;

/** The output of {@link Pipe#collect()}: items wait until {@link #flush()} emits them together. */
public interface CollectPipe<T> extends Pipe<List<T>> {
    /**
     * Emits the items collected since the last flush as one list (possibly empty), on the
     * calling thread; safe to call from any thread.
     */
    void flush();

    /** The number of items waiting for the next flush. */
    int pending();
}
