package dev.sluice.state;

import dev.sluice.log.GroupConsumer;
import dev.sluice.log.LogRecord;
import dev.sluice.log.LogStream;
import dev.sluice.log.Window;
import dev.sluice.log.WindowStrategy;
import dev.sluice.rocksdb.Cache;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Exactly-once keyed state over a stream of the durable log. Records are read in batches through
 * the consumer group {@code name}; a {@link StateFunction} updates keyed state in a RocksDB
 * {@link Cache}; at the end of each batch the state's changes and the position after the batch
 * are committed in one RocksDB write batch (the checkpoint {@code log:<stream>:<name>}), and only
 * then is the batch acknowledged to the log.
 *
 * <p>After a crash at any point (kill -9 included), the consumer resumes from the last checkpoint:
 * a batch that had not committed is handled again from the state it started from; a batch that
 * had committed but not yet been acknowledged to the log is delivered again and skipped, since
 * its records are below the checkpoint. So every record changes the state exactly once.
 *
 * <pre>{@code
 * try (StreamLog log = StreamLog.openDefault();
 *      Cache<String, Long> counts = Cache.open(Path.of("state"), Codec.utf8(), Codec.longKey())) {
 *     CheckpointedConsumer<String, Long> counter = CheckpointedConsumer.of(log.stream("clicks"), counts, "counter");
 *     counter.run((record, state) -> state.update(record.text(), n -> n == null ? 1L : n + 1));
 * }
 * }</pre>
 *
 * <p>A batch whose function throws is retried like any window of the group ({@link #retry}), then
 * its records go to the dead-letter stream {@code <stream>.dead-letter} with the reason and do not
 * change the state. One consumer of a given name runs at a time.
 *
 * @param <K> key type of the state
 * @param <V> value type of the state
 */
public final class CheckpointedConsumer<K, V> {
    private final LogStream stream;
    private final Cache<K, V> state;
    private final String checkpoint;
    private final GroupConsumer group;

    private CheckpointedConsumer(LogStream stream, Cache<K, V> state, String name, int batch) {
        this.stream = stream;
        this.state = state;
        this.checkpoint = "log:" + stream.name() + ":" + name;
        this.group = stream.consumer(name, new UpTo(batch));
    }

    /** A consumer named {@code name} (also its consumer group) keeping its state in {@code state}; batches of up to 1,000. */
    public static <K, V> CheckpointedConsumer<K, V> of(LogStream stream, Cache<K, V> state, String name) {
        return of(stream, state, name, 1000);
    }

    /** As {@link #of(LogStream, Cache, String)}, with batches of up to {@code batch} records (one commit each). */
    public static <K, V> CheckpointedConsumer<K, V> of(LogStream stream, Cache<K, V> state, String name, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be positive: " + batch);
        }
        return new CheckpointedConsumer<>(Objects.requireNonNull(stream), Objects.requireNonNull(state),
                Objects.requireNonNull(name), batch);
    }

    /** Attempts per batch and the first backoff, as {@link GroupConsumer#retry}. */
    public CheckpointedConsumer<K, V> retry(int attempts, java.time.Duration backoff) {
        group.retry(attempts, backoff);
        return this;
    }

    /** The position of the next record the state has not seen: where a restart resumes. */
    public long position() {
        return state.checkpoint(checkpoint).map(Overlay::decode).orElse(0L);
    }

    /** Handles batches until {@link #stop()}. */
    public void run(StateFunction<LogRecord, K, V> fn) throws InterruptedException {
        group.run(window -> apply(window, fn, null));
    }

    /** Handles at most one batch, if records are waiting; returns whether it did. */
    public boolean runOnce(StateFunction<LogRecord, K, V> fn) throws InterruptedException {
        return group.runOnce(window -> apply(window, fn, null));
    }

    /**
     * The same as a pipeline source: handles batches while the pipeline runs and, after each
     * commit, emits the state's changes as (key, value) pairs (value null for a deletion), so
     * that downstream nodes see the state as it was committed.
     */
    public dev.sluice.Generator<dev.sluice.Pair<K, V>> changes(StateFunction<LogRecord, K, V> fn) {
        return (ctx, out) -> {
            while (ctx.active()) {
                List<dev.sluice.Pair<K, V>> committed = new ArrayList<>();
                if (group.runOnce(window -> apply(window, fn, committed))) {
                    committed.forEach(out::emit);
                } else {
                    group.awaitRecords(); // woken by an append in this process, or the log's poll interval
                }
            }
        };
    }

    /** Asks {@link #run} to return after the current batch. */
    public void stop() {
        group.stop();
    }

    private void apply(Window window, StateFunction<LogRecord, K, V> fn, List<dev.sluice.Pair<K, V>> committed) throws Exception {
        long from = position();
        Overlay<K, V> overlay = new Overlay<>(state);
        long next = from;
        for (LogRecord r : window.records()) {
            if (r.position() < from) {
                continue; // committed before a crash, not yet acknowledged to the log: already in the state
            }
            try {
                fn.apply(r, overlay);
            } catch (Exception e) {
                throw new IllegalStateException(stream.name() + "@" + r.position() + ": " + e.getMessage(), e);
            }
            next = Math.max(next, r.position() + 1);
        }
        if (next == from) {
            return; // a replay of what the state has: only the acknowledgement was missing
        }
        overlay.commit(Map.of(checkpoint, next), committed);
    }

    /** Whatever is waiting, up to {@code max} records: a batch never waits for more. */
    private record UpTo(int max) implements WindowStrategy {
        @Override
        public Optional<Window> ready(List<LogRecord> pending, Instant now) {
            if (pending.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(Window.of(new ArrayList<>(pending.subList(0, Math.min(max, pending.size())))));
        }
    }
}
