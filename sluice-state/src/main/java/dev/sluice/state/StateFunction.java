package dev.sluice.state;

import dev.sluice.log.LogRecord;

/**
 * Handles one record with access to the keyed state. It must keep all its effects in the state:
 * a record is handled again after a crash if its batch had not committed, and then only the
 * state's writes are undone.
 *
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface StateFunction<K, V> {
    /** Handles {@code record}; throwing fails the batch (nothing of it is committed). */
    void apply(LogRecord record, State<K, V> state) throws Exception;
}
