package dev.sluice.state;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Keyed state as a {@link StateFunction} sees it while it handles one batch of records: reads see
 * the batch's own writes; writes take effect, together with the position of the batch, only when
 * the batch commits. If the process dies before that, none of them happened. Keys are held by
 * {@code equals} until the commit: use values (strings, numbers, records), not arrays.
 *
 * @param <K> key type
 * @param <V> value type
 */
public interface State<K, V> {
    /** The value of {@code key}, as of the last committed batch and this batch's own writes. */
    Optional<V> get(K key);

    /** Sets {@code key} to {@code value}. */
    void put(K key, V value);

    /** Removes {@code key}. */
    void delete(K key);

    /** Sets {@code key} to {@code fn} of its value (null when absent); a null result deletes it. Returns it. */
    default V update(K key, UnaryOperator<V> fn) {
        V next = fn.apply(get(key).orElse(null));
        if (next == null) {
            delete(key);
        } else {
            put(key, next);
        }
        return next;
    }
}
