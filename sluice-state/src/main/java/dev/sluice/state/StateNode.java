package dev.sluice.state;

import dev.sluice.Emitter;
import dev.sluice.Processor;
import dev.sluice.rocksdb.Cache;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline node whose keyed state lives in a RocksDB {@link Cache} instead of the heap:
 * {@code pipe.process(StateNode.of(cache, (view, state, out) -> out.emit(state.update(view.page(),
 * n -> n == null ? 1 : n + 1))))}. State of any size survives a restart.
 *
 * <p>Each item's writes are its own: an item whose handler throws leaves no write behind, whatever
 * the node's error policy does next. Writes are committed to RocksDB in one batch when a source
 * asks whether its records were processed ({@link Processor#flush}: before the Kafka or log source
 * acknowledges them), every {@link #commitEvery} writes, and at completion; reads see uncommitted
 * writes. After a crash the state is as of the last commit and the source replays what it had not
 * acknowledged, so a replayed item may be applied twice: at least once. For exactly once, keep
 * state with the input position: {@link CheckpointedConsumer}, {@link CheckpointedKafkaConsumer}.
 *
 * <p>A node, so one thread at a time: use it with {@code process} or as a {@code node}.
 *
 * @param <T> input type
 * @param <K> state key type
 * @param <V> state value type
 * @param <R> output type
 */
public final class StateNode<T, K, V, R> implements Processor<T, R> {

    /** What the node does with an item: read and write the state, emit any outputs. */
    @FunctionalInterface
    public interface Handler<T, K, V, R> {
        /** Handles {@code item}; throwing undoes its state writes. */
        void handle(T item, State<K, V> state, Emitter<R> out) throws Exception;
    }

    private final Cache<K, V> cache;
    private final Handler<T, K, V, R> handler;
    private final int commitEvery;
    private Overlay<K, V> batch;

    private StateNode(Cache<K, V> cache, Handler<T, K, V, R> handler, int commitEvery) {
        this.cache = Objects.requireNonNull(cache, "cache");
        this.handler = Objects.requireNonNull(handler, "handler");
        this.commitEvery = commitEvery;
        this.batch = new Overlay<>(cache);
    }

    /** A node running {@code handler} over state kept in {@code cache}; commits every 10,000 writes at most. */
    public static <T, K, V, R> StateNode<T, K, V, R> of(Cache<K, V> cache, Handler<T, K, V, R> handler) {
        return new StateNode<>(cache, handler, 10_000);
    }

    /** The same node, committing after at most {@code writes} uncommitted keys (bounds the memory they take). */
    public StateNode<T, K, V, R> commitEvery(int writes) {
        if (writes < 1) {
            throw new IllegalArgumentException("writes must be positive: " + writes);
        }
        return new StateNode<>(cache, handler, writes);
    }

    @Override
    public void process(T item, Emitter<R> out) throws Exception {
        Overlay<K, V> mine = new Overlay<>(batch); // dropped if the handler throws
        handler.handle(item, mine, out);
        mine.applyTo(batch);
        if (batch.size() >= commitEvery) {
            commit();
        }
    }

    @Override
    public void flush(Emitter<R> out) {
        commit();
    }

    @Override
    public void onComplete(Emitter<R> out) {
        commit();
    }

    private void commit() {
        if (batch.size() > 0) {
            batch.commit(Map.of(), null);
            batch = new Overlay<>(cache);
        }
    }
}
