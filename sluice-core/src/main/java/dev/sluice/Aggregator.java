package dev.sluice;

/**
 * An aggregate function over the items of a window, in the usual accumulator form. The
 * accumulator may be mutable (return the same object from {@link #add}) or immutable.
 * See {@link Aggregators} for the common ones.
 *
 * @param <T> item type
 * @param <A> accumulator type
 * @param <R> result type
 */
public interface Aggregator<T, A, R> {
    /** A fresh, empty accumulator. */
    A create();

    /** Adds an item; returns the accumulator to use from now on. */
    A add(A accumulator, T item);

    /** Combines two accumulators; needed when session windows merge. */
    A merge(A left, A right);

    /** The result for an accumulator. Called once per window emission; must not change it. */
    R result(A accumulator);
}
