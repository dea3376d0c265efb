package dev.sluice.yaml;

import java.util.Optional;

/** "Did you mean": the known name closest to a wrong one, by edit distance, if close enough to be a typo. */
public final class Suggest {
    private Suggest() {}

    /** The known name closest to {@code wrong}, if it is close enough to be a typo. */
    public static Optional<String> closest(String wrong, Iterable<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(wrong, k);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, wrong.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** {@code " (did you mean 'x'?)"} when a known name is close to {@code wrong}, else "". */
    public static String didYouMean(String wrong, Iterable<String> known) {
        return closest(wrong, known).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
