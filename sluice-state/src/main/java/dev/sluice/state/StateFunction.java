package dev.sluice.state;

/**
 * Handles one record with access to the keyed state. It must keep all its effects in the state:
 * a record is handled again after a crash if its batch had not committed, and then only the
 * state's writes are undone.
 *
 * @param <R> record type: {@code LogRecord} or {@code KafkaRecord}
 * @param <K> key type
 * @param <V> value type
 */
@FunctionalInterface
public interface StateFunction<R, K, V> {
    /** Handles {@code record}; throwing fails the batch (nothing of it is committed). */
    void apply(R record, State<K, V> state) throws Exception;
}
