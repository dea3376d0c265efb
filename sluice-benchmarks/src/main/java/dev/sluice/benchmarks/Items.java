package dev.sluice.benchmarks;

/** The input of the chain benchmarks: the same boxed objects for Sluice and every peer. */
final class Items {
    private Items() {}

    /** {@code 0 .. n-1} as boxed longs, created once per trial so no side pays for boxing. */
    static Long[] boxed(int n) {
        Long[] items = new Long[n];
        for (int i = 0; i < n; i++) {
            items[i] = (long) i;
        }
        return items;
    }
}
