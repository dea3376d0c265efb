package dev.sluice;

/**
 * Two values, as produced by {@link Pipe#zip(Pipe)}, {@link Pipe#combineLatest(Pipe)} and
 * returned by the function of {@link Pipe#accumulate}.
 *
 * @param first the first value
 * @param second the second value
 */
public record Pair<A, B>(A first, B second) {
    /** Shorthand for {@code new Pair<>(first, second)}. */
    public static <A, B> Pair<A, B> of(A first, B second) {
        return new Pair<>(first, second);
    }
}
