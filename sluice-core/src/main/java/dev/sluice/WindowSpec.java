package dev.sluice;

import java.time.Duration;
import java.util.Objects;

/**
 * The shape of a window over a keyed stream; made by {@link #tumbling}, {@link #hopping} and
 * {@link #session}. Windows are half-open intervals {@code [start, end)} of milliseconds since
 * the epoch, aligned to the epoch.
 */
public sealed interface WindowSpec {

    /** Back-to-back windows of {@code size}: every item belongs to exactly one. */
    static WindowSpec tumbling(Duration size) {
        return new Hopping(size, size);
    }

    /** Windows of {@code size} starting every {@code advance}: an item belongs to size/advance windows. */
    static WindowSpec hopping(Duration size, Duration advance) {
        return new Hopping(size, advance);
    }

    /** A window per burst of activity of one key, closed after {@code gap} without items. */
    static WindowSpec session(Duration gap) {
        return new Session(gap);
    }

    /**
     * Fixed-size windows.
     *
     * @param size length of each window
     * @param advance distance between window starts; equal to size for tumbling windows
     */
    record Hopping(Duration size, Duration advance) implements WindowSpec {
        /** Validates the sizes. */
        public Hopping {
            Objects.requireNonNull(size, "size");
            Objects.requireNonNull(advance, "advance");
            if (size.toMillis() <= 0 || advance.toMillis() <= 0 || advance.compareTo(size) > 0) {
                throw new IllegalArgumentException("need 0 < advance <= size (in whole milliseconds): size="
                        + size + " advance=" + advance);
            }
        }
    }

    /** Session windows. @param gap inactivity that closes a session */
    record Session(Duration gap) implements WindowSpec {
        /** Validates the gap. */
        public Session {
            Objects.requireNonNull(gap, "gap");
            if (gap.toMillis() <= 0) {
                throw new IllegalArgumentException("session gap must be at least 1 ms: " + gap);
            }
        }
    }
}
