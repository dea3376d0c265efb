package dev.sluice.log;

import dev.sluice.Emitter;
import dev.sluice.Pair;
import dev.sluice.Processor;
import dev.sluice.checkpoint.Transactional;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@link LogStream#sink()}: a pipeline node appending each item to a stream. Appends go through
 * the log's group commit, so a commit (and its fsync) serves many items; a source upstream is told
 * its records were processed ({@link #flush}) only once every append before it is durable. In a
 * checkpointing pipeline it holds what it received until the next barrier takes it into the
 * checkpoint, whose store appends it in the same transaction as the state and the input
 * positions: exactly once.
 */
final class StreamSink implements Processor<Object, Void>, Transactional {
    private final LogStream stream;
    private final String location;
    private boolean checkpointing;
    private final List<CompletableFuture<Long>> pending = new ArrayList<>();
    private final List<LogEntry> held = new ArrayList<>();

    StreamSink(LogStream stream, String location) {
        this.stream = stream;
        this.location = location;
    }

    /**
     * An item as an entry: an entry as it is, bytes as they are, text as UTF-8, or a keyed message
     * (a {@link Pair} of key and value; a null key: none). The log keeps no tombstones: a message
     * without a value fails, for the node's error policy.
     */
    static LogEntry entry(Object item) {
        if (item instanceof LogEntry e) {
            return e;
        }
        if (item instanceof Pair<?, ?> keyed) {
            if (keyed.second() == null) {
                throw new IllegalArgumentException("the log takes no message without a value (a tombstone): " + item);
            }
            return new LogEntry(utf8(keyed.first()), utf8(keyed.second()), Map.of(), Instant.now());
        }
        return LogEntry.of(utf8(item));
    }

    private static byte[] utf8(Object text) {
        return text == null ? null : text instanceof byte[] b ? b : String.valueOf(text).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void checkpointing(boolean on) {
        checkpointing = on;
    }

    @Override
    public void process(Object item, Emitter<Void> out) throws Exception {
        if (checkpointing) {
            held.add(entry(item));
            return;
        }
        pending.add(stream.appendAsync(entry(item)));
        if (pending.size() >= 1024) {
            awaitAppends(); // bounds what is in flight
        }
    }

    @Override
    public Object prepareCommit() {
        if (held.isEmpty()) {
            return null;
        }
        LogCheckpointStore.Append part = new LogCheckpointStore.Append(location, stream.name(), held);
        held.clear();
        return part;
    }

    @Override
    public void flush(Emitter<Void> out) throws Exception {
        awaitAppends();
    }

    @Override
    public void onComplete(Emitter<Void> out) throws Exception {
        awaitAppends();
    }

    private void awaitAppends() throws Exception {
        try {
            for (var append : pending) {
                append.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pending.clear();
        }
    }
}
