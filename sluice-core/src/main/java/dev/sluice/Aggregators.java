package dev.sluice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/** Ready-made {@link Aggregator}s. All accumulators are immutable values or fresh copies. */
public final class Aggregators {
    private Aggregators() {}

    /** Builds an aggregator from its four functions. */
    public static <T, A, R> Aggregator<T, A, R> of(
            Supplier<A> create, BiFunction<A, ? super T, A> add, BinaryOperator<A> merge, Function<A, R> result) {
        return new Aggregator<>() {
            @Override
            public A create() {
                return create.get();
            }

            @Override
            public A add(A accumulator, T item) {
                return add.apply(accumulator, item);
            }

            @Override
            public A merge(A left, A right) {
                return merge.apply(left, right);
            }

            @Override
            public R result(A accumulator) {
                return result.apply(accumulator);
            }
        };
    }

    /** The number of items. */
    public static <T> Aggregator<T, Long, Long> count() {
        return of(() -> 0L, (a, t) -> a + 1, Long::sum, a -> a);
    }

    /** The sum of a long-valued field. */
    public static <T> Aggregator<T, Long, Long> summingLong(ToLongFunction<? super T> field) {
        return of(() -> 0L, (a, t) -> a + field.applyAsLong(t), Long::sum, a -> a);
    }

    /** The sum of a double-valued field. */
    public static <T> Aggregator<T, Double, Double> summingDouble(ToDoubleFunction<? super T> field) {
        return of(() -> 0.0, (a, t) -> a + field.applyAsDouble(t), Double::sum, a -> a);
    }

    /** The mean of a double-valued field. */
    public static <T> Aggregator<T, double[], Double> averaging(ToDoubleFunction<? super T> field) {
        return of(
                () -> new double[2],
                (a, t) -> new double[] {a[0] + field.applyAsDouble(t), a[1] + 1},
                (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]},
                a -> a[1] == 0 ? Double.NaN : a[0] / a[1]);
    }

    /** The least item by {@code order}. */
    public static <T> Aggregator<T, T, T> min(Comparator<? super T> order) {
        BinaryOperator<T> pick = (a, b) -> a == null ? b : b == null ? a : order.compare(b, a) < 0 ? b : a;
        return of(() -> null, pick::apply, pick, a -> a);
    }

    /** The greatest item by {@code order}. */
    public static <T> Aggregator<T, T, T> max(Comparator<? super T> order) {
        return min(order.reversed());
    }

    /** Every item, in arrival order. */
    public static <T> Aggregator<T, List<T>, List<T>> toList() {
        return of(
                List::of,
                (a, t) -> {
                    List<T> next = new ArrayList<>(a.size() + 1);
                    next.addAll(a);
                    next.add(t);
                    return next;
                },
                (a, b) -> {
                    List<T> next = new ArrayList<>(a);
                    next.addAll(b);
                    return next;
                },
                List::copyOf);
    }

    /** Folds items with {@code fn}; the result of an empty window is null. */
    public static <T> Aggregator<T, T, T> reducing(BinaryOperator<T> fn) {
        BinaryOperator<T> step = (a, b) -> a == null ? b : b == null ? a : fn.apply(a, b);
        return of(() -> null, step::apply, step, a -> a);
    }
}
