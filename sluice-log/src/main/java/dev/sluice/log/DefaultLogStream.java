package dev.sluice.log;

import dev.sluice.Generator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stream handle. Single appends from many threads are committed in groups: each appender
 * queues its entry and takes the commit lock; whoever holds it commits everything queued in one
 * transaction, so the threads that queued meanwhile find their entry already committed.
 */
final class DefaultLogStream implements LogStream {
    private final DefaultStreamLog log;
    private final String name;
    private final ConcurrentLinkedQueue<Pending> queued = new ConcurrentLinkedQueue<>();
    private final ReentrantLock commitLock = new ReentrantLock();
    private final ReentrantLock appendedLock = new ReentrantLock();
    private final Condition appendedSignal = appendedLock.newCondition();
    private final Set<DefaultGroupConsumer> consumers = ConcurrentHashMap.newKeySet();

    DefaultLogStream(DefaultStreamLog log, String name) {
        this.log = log;
        this.name = name;
    }

    private static final class Pending {
        final LogEntry entry;
        long position;
        RuntimeException error;
        boolean done;

        Pending(LogEntry entry) {
            this.entry = entry;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public long append(byte[] payload) {
        return append(new LogEntry(null, payload, Map.of(), now()));
    }

    @Override
    public long append(String text) {
        return append(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    Instant now() {
        return Instant.ofEpochMilli(log.options.clock().currentTimeMillis());
    }

    @Override
    public long append(LogEntry entry) {
        Pending p = new Pending(entry);
        queued.add(p);
        commitLock.lock();
        try {
            if (!p.done) {
                commitQueued();
            }
        } finally {
            commitLock.unlock();
        }
        if (p.error != null) {
            throw p.error;
        }
        return p.position;
    }

    /** Commits what is queued, in batches of at most maxBatch. Holds the commit lock. */
    private void commitQueued() {
        List<Pending> batch = new ArrayList<>();
        Pending p;
        while ((p = queued.poll()) != null) {
            batch.add(p);
            if (batch.size() == log.options.maxBatch()) {
                commit(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            commit(batch);
        }
    }

    private void commit(List<Pending> batch) {
        List<LogEntry> entries = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            entries.add(p.entry);
        }
        try {
            long first = log.storage.append(name, entries);
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).position = first + i;
            }
            log.appended(name);
        } catch (RuntimeException e) {
            batch.forEach(p -> p.error = e);
        }
        batch.forEach(p -> p.done = true);
    }

    @Override
    public long appendAll(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        long first = log.storage.append(name, entries);
        log.appended(name);
        return first;
    }

    @Override
    public List<LogRecord> read(long position, int max) {
        return log.storage.read(name, position, max);
    }

    @Override
    public List<Buffered> buffer(String group, int max) {
        long position = log.storage.position(name, group);
        SortedSet<Long> acks = log.storage.acks(name, group);
        long first = info().firstPosition();
        List<Buffered> out = new ArrayList<>();
        for (LogRecord r : read(first, max)) {
            out.add(new Buffered(r, r.position() < position || acks.contains(r.position())));
        }
        return out;
    }

    @Override
    public GroupConsumer consumer(String group, WindowStrategy strategy) {
        DefaultGroupConsumer c = new DefaultGroupConsumer(log, this, group, strategy);
        consumers.add(c);
        return c;
    }

    @Override
    public Generator<LogRecord> source(String group) {
        return new LogSource(log, this, group);
    }

    @Override
    public StreamInfo info() {
        return log.storage.stats(name).orElseThrow(() -> new IllegalStateException("stream '" + name + "' was dropped"));
    }

    @Override
    public LogStream retention(Retention retention) {
        log.storage.setRetention(name, java.util.Objects.requireNonNull(retention, "retention"));
        return this;
    }

    @Override
    public long housekeep() {
        Retention r = log.storage.retention(name);
        StreamInfo info = info();
        long cut = info.firstPosition();
        long oldestUnprocessed = info.groups().values().stream().mapToLong(Long::longValue).min()
                .orElse(info.firstPosition()); // no group: nothing counts as processed
        if (r.dropProcessed()) {
            cut = Math.max(cut, oldestUnprocessed);
        }
        if (r.maxBytes() > 0) {
            cut = Math.max(cut, Math.min(log.storage.positionKeepingBytes(name, r.maxBytes()), oldestUnprocessed));
        }
        if (r.maxAge() != null) {
            cut = Math.max(cut, log.storage.positionAtOrAfter(name, now().minus(r.maxAge())));
        }
        return cut > info.firstPosition() ? log.storage.deleteBefore(name, cut) : 0;
    }

    void signalAppended() {
        appendedLock.lock();
        try {
            appendedSignal.signalAll();
        } finally {
            appendedLock.unlock();
        }
    }

    /**
     * Waits up to the poll interval for an append in this process (other processes are seen at
     * the next poll). On a virtual clock the wait is a clock sleep, so tests stay deterministic.
     */
    void awaitAppend() throws InterruptedException {
        if (!(log.options.clock() instanceof dev.sluice.time.VirtualClock)) {
            appendedLock.lockInterruptibly();
            try {
                appendedSignal.awaitNanos(log.pollInterval().toNanos());
            } finally {
                appendedLock.unlock();
            }
        } else {
            log.options.clock().sleep(log.pollInterval());
        }
    }

    void stopConsumers() {
        consumers.forEach(DefaultGroupConsumer::stop);
    }

    DefaultStreamLog log() {
        return log;
    }
}
