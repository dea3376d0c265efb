package dev.sluice;

import java.time.Duration;
import java.util.function.ToLongFunction;

/**
 * A windowed keyed stream being configured; {@link #aggregate} creates the window node.
 *
 * <p><b>Processing time</b> (default): an item's time is the pipeline clock when it arrives; a
 * window fires when the clock passes its end.
 *
 * <p><b>Event time</b> ({@link #eventTime}): an item's time comes from the item. The watermark
 * is the greatest time seen minus the allowed out-of-orderness; a window fires when the
 * watermark passes its end. Items for a fired window still within the allowed lateness update
 * it (the new result has {@code update=true}); later items go to {@link Aggregated#late()}.
 * When the input completes, every open window fires.
 */
public interface WindowedPipe<K, T> {

    /**
     * Uses event time.
     *
     * @param timestampMillis the item's time in milliseconds since the epoch
     * @param maxOutOfOrderness how far behind the greatest time seen an item may be and still
     *     count as on time
     */
    WindowedPipe<K, T> eventTime(ToLongFunction<? super T> timestampMillis, Duration maxOutOfOrderness);

    /** How long after a window fires late items may still update it (event time only). */
    WindowedPipe<K, T> allowedLateness(Duration lateness);

    /** Creates the window node computing {@code aggregator} per key and window. */
    <A, R> Aggregated<K, T, R> aggregate(Aggregator<? super T, A, R> aggregator);
}
