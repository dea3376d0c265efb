package dev.sluice.log;

import dev.sluice.log.spi.LogStorage;
import dev.sluice.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** In-memory backend for tests and throwaway pipelines: one process, gone on exit. */
final class MemoryStorage implements LogStorage {
    private final Clock clock;
    private final Map<String, StreamData> streams = new TreeMap<>();

    MemoryStorage(Clock clock) {
        this.clock = clock;
    }

    private static final class StreamData {
        final Instant created;
        final TreeMap<Long, LogRecord> records = new TreeMap<>();
        final Map<String, Long> positions = new TreeMap<>();
        final Map<String, TreeSet<Long>> acks = new HashMap<>();
        long next = 1;
        long bytes;
        Retention retention = Retention.keepAll();

        StreamData(Instant created) {
            this.created = created;
        }
    }

    private StreamData data(String name) {
        StreamData d = streams.get(name);
        if (d == null) {
            throw new IllegalArgumentException("no stream named '" + name + "'");
        }
        return d;
    }

    @Override
    public synchronized void createStream(String name) {
        streams.computeIfAbsent(name, n -> new StreamData(Instant.ofEpochMilli(clock.currentTimeMillis())));
    }

    @Override
    public synchronized boolean dropStream(String name) {
        return streams.remove(name) != null;
    }

    @Override
    public synchronized List<String> streamNames() {
        return List.copyOf(streams.keySet());
    }

    @Override
    public synchronized Optional<StreamInfo> stats(String name) {
        StreamData d = streams.get(name);
        if (d == null) {
            return Optional.empty();
        }
        long first = d.records.isEmpty() ? d.next : d.records.firstKey();
        return Optional.of(new StreamInfo(name, d.created, d.records.size(), d.bytes, first, d.next,
                Map.copyOf(d.positions), d.retention));
    }

    @Override
    public synchronized long append(String stream, List<LogEntry> entries) {
        StreamData d = data(stream);
        long first = d.next;
        for (LogEntry e : entries) {
            LogRecord r = new LogRecord(d.next, e.key(), e.payload(), e.headers(), e.timestamp());
            d.records.put(d.next++, r);
            d.bytes += Sizes.of(r);
        }
        notifyAll();
        return first;
    }

    @Override
    public synchronized List<LogRecord> read(String stream, long from, int max) {
        List<LogRecord> out = new ArrayList<>(Math.min(max, 1024));
        for (LogRecord r : data(stream).records.tailMap(from, true).values()) {
            if (out.size() >= max) {
                break;
            }
            out.add(r);
        }
        return out;
    }

    @Override
    public synchronized long position(String stream, String group) {
        return data(stream).positions.getOrDefault(group, 1L);
    }

    @Override
    public synchronized SortedSet<Long> acks(String stream, String group) {
        return new TreeSet<>(data(stream).acks.getOrDefault(group, new TreeSet<>()));
    }

    @Override
    public synchronized void ack(String stream, String group, Collection<Long> positions) {
        StreamData d = data(stream);
        long pos = d.positions.getOrDefault(group, 1L);
        TreeSet<Long> pending = d.acks.computeIfAbsent(group, g -> new TreeSet<>());
        for (long p : positions) {
            if (p >= pos) {
                pending.add(p);
            }
        }
        while (pending.remove(pos)) {
            pos++;
        }
        pending.headSet(pos).clear();
        d.positions.put(group, pos);
    }

    @Override
    public synchronized long appendAndAck(String target, List<LogEntry> entries, String source, String group,
            Collection<Long> positions) {
        data(target);
        data(source);
        long first = append(target, entries);
        ack(source, group, positions);
        return first;
    }

    @Override
    public synchronized long deleteBefore(String stream, long position) {
        StreamData d = data(stream);
        var head = d.records.headMap(position, false);
        long n = head.size();
        for (LogRecord r : head.values()) {
            d.bytes -= Sizes.of(r);
        }
        head.clear();
        return n;
    }

    @Override
    public synchronized void setRetention(String stream, Retention retention) {
        data(stream).retention = retention;
    }

    @Override
    public synchronized Retention retention(String stream) {
        return data(stream).retention;
    }

    @Override
    public synchronized long positionAtOrAfter(String stream, Instant time) {
        StreamData d = data(stream);
        for (LogRecord r : d.records.values()) {
            if (!r.timestamp().isBefore(time)) {
                return r.position();
            }
        }
        return d.next;
    }

    @Override
    public synchronized long positionKeepingBytes(String stream, long maxBytes) {
        StreamData d = data(stream);
        long kept = 0;
        long position = d.next;
        for (LogRecord r : d.records.descendingMap().values()) {
            kept += Sizes.of(r);
            if (kept > maxBytes) {
                break;
            }
            position = r.position();
        }
        return position;
    }

    @Override
    public void close() {}

    private final Map<String, dev.sluice.log.spi.StoredCheckpoint> checkpoints = new TreeMap<>();

    @Override
    public synchronized void commitCheckpoint(dev.sluice.log.spi.CheckpointCommit commit) {
        var stored = checkpoints.get(commit.pipeline());
        if (stored != null && stored.id() >= commit.id()) {
            throw new IllegalStateException("pipeline '" + commit.pipeline() + "' already has checkpoint " + stored.id()
                    + " in this log, so checkpoint " + commit.id() + " is not the next");
        }
        for (var a : commit.appends()) {
            data(a.stream()); // all or nothing: every stream exists before anything is written
        }
        for (var a : commit.acks()) {
            data(a.stream());
        }
        commit.appends().forEach(a -> append(a.stream(), a.entries()));
        commit.acks().forEach(a -> ack(a.stream(), a.group(), a.positions()));
        Map<String, byte[]> states = new java.util.HashMap<>(stored == null ? Map.of() : stored.states());
        states.putAll(commit.states());
        checkpoints.put(commit.pipeline(), new dev.sluice.log.spi.StoredCheckpoint(commit.pipeline(), commit.id(),
                commit.at(), states));
    }

    @Override
    public synchronized Optional<dev.sluice.log.spi.StoredCheckpoint> checkpoint(String pipeline) {
        return Optional.ofNullable(checkpoints.get(pipeline));
    }

    @Override
    public synchronized List<dev.sluice.log.spi.StoredCheckpoint> checkpoints() {
        return checkpoints.values().stream()
                .map(c -> new dev.sluice.log.spi.StoredCheckpoint(c.pipeline(), c.id(), c.at(), Map.of())).toList();
    }

    @Override
    public synchronized boolean dropCheckpoint(String pipeline) {
        return checkpoints.remove(pipeline) != null;
    }
}
