package dev.sluice.log;

import dev.sluice.Generator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A stream handle. Single appends from many threads are committed in groups: each appender
 * queues its entry and waits (or, with {@code appendAsync}, goes on and holds a future); one
 * writer thread per stream takes everything queued (up to {@code maxBatch}) and commits it in one
 * transaction, so while one commit waits for the disk the next batch gathers. A batch of
 * asynchronous appends only also lingers for company (see {@link #linger}). The writer starts
 * with the first append and stops when the log closes.
 */
final class DefaultLogStream implements LogStream {
    private static final long COMMIT_GAP_NANOS = 50_000;
    private final DefaultStreamLog log;
    private final String name;
    private final java.util.concurrent.LinkedBlockingQueue<Pending> queued = new java.util.concurrent.LinkedBlockingQueue<>();
    private volatile Thread writer;
    private volatile boolean closed;
    /** True while the writer holds a batch open in {@link #linger}; an appender that waits wakes it. */
    private volatile boolean lingering;
    final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    private final ReentrantLock appendedLock = new ReentrantLock();
    private final Condition appendedSignal = appendedLock.newCondition();
    private final Set<DefaultGroupConsumer> consumers = ConcurrentHashMap.newKeySet();

    DefaultLogStream(DefaultStreamLog log, String name) {
        this.log = log;
        this.name = name;
    }

    /**
     * An entry waiting for the writer, the future its appender holds, whether the appender waits
     * for it ({@code append}) or went on ({@code appendAsync}), and when it was queued.
     */
    private record Pending(LogEntry entry, CompletableFuture<Long> done, boolean waited, long queuedAt) {}

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
        CompletableFuture<Long> done = enqueue(entry, true);
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return done.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    Thread w = writer;
                    if (closed && (w == null || !w.isAlive())) {
                        failQueued(new IllegalStateException("the stream log was closed")); // raced with close()
                    }
                } catch (InterruptedException e) {
                    interrupted = true; // the record may already be committing: wait for the answer
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new LogException(e.getMessage(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public CompletableFuture<Long> appendAsync(LogEntry entry) {
        return enqueue(entry, false);
    }

    private CompletableFuture<Long> enqueue(LogEntry entry, boolean waited) {
        if (closed) {
            throw new IllegalStateException("the stream log is closed");
        }
        Pending p = new Pending(entry, new CompletableFuture<>(), waited, waited ? 0 : System.nanoTime());
        queued.add(p);
        startWriter();
        if (waited && lingering) {
            // ends the linger: somebody waits for this commit. Only then: waking the writer from
            // the pause after a commit would cut short the gathering of the next batch.
            LockSupport.unpark(writer);
        }
        return p.done();
    }

    private void startWriter() {
        if (writer == null) {
            synchronized (this) {
                if (writer == null) {
                    writer = Thread.ofPlatform().daemon(true).name("sluice-log-writer-" + name).start(this::writeLoop);
                }
            }
        }
    }

    /** The writer: everything queued, in batches of at most maxBatch, one transaction each. */
    private void writeLoop() {
        List<Pending> batch = new ArrayList<>();
        while (true) {
            try {
                Pending first = queued.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queued.drainTo(batch, log.options.maxBatch() - 1);
                linger(batch);
                commit(batch);
                batch.clear();
                // SQLite's write lock is not fair: a writer that commits back to back frees it only
                // for microseconds, and other processes (consumers acknowledging, other producers)
                // would wait for milliseconds. A short pause gives them the lock, and lets the
                // next batch gather.
                java.util.concurrent.locks.LockSupport.parkNanos(COMMIT_GAP_NANOS);
            } catch (InterruptedException e) {
                if (closed) {
                    failQueued(new IllegalStateException("the stream log was closed"));
                    return;
                }
            }
        }
    }

    /**
     * Holds a batch of asynchronous appends open for more, up to {@code linger} after its first
     * entry was queued, like Kafka's {@code linger.ms}: at a steady rate of single appends every
     * commit would otherwise carry one record, and commits, not records, are what a log pays for
     * (write lock, write-ahead log pages, and a wake-up of every consumer). Nobody waits for
     * these entries; an appender that does wait ({@code append}) unparks the writer, which then
     * commits at once.
     */
    private void linger(List<Pending> batch) {
        long linger = log.options.linger().toNanos();
        int max = log.options.maxBatch();
        if (linger <= 0 || anyWaited(batch, 0)) {
            return;
        }
        long deadline = batch.get(0).queuedAt() + linger;
        lingering = true; // then look at the queue: an appender that missed the flag was queued before
        try {
            while (batch.size() < max && !closed) {
                int before = batch.size();
                queued.drainTo(batch, max - before);
                if (anyWaited(batch, before)) {
                    return;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                LockSupport.parkNanos(this, left);
            }
        } finally {
            lingering = false;
        }
    }

    private static boolean anyWaited(List<Pending> batch, int from) {
        for (int i = from; i < batch.size(); i++) {
            if (batch.get(i).waited()) {
                return true;
            }
        }
        return false;
    }

    private void failQueued(RuntimeException error) {
        Pending p;
        while ((p = queued.poll()) != null) {
            p.done().completeExceptionally(error);
        }
    }

    int queuedCount() {
        return queued.size();
    }

    /** Lets the writer finish what is queued, then stops it. */
    void closeWriter() {
        closed = true;
        Thread w = writer;
        if (w != null) {
            LockSupport.unpark(w); // a lingering batch commits now
            try {
                w.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (w.isAlive()) {
                w.interrupt();
            }
        }
    }

    private void commit(List<Pending> batch) {
        commits.incrementAndGet();
        List<LogEntry> entries = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            entries.add(p.entry());
        }
        long first;
        try {
            first = log.storage.append(name, entries);
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().completeExceptionally(e));
            return;
        }
        log.appended(name);
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).done().complete(first + i);
        }
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
        StreamInfo info = info();
        SortedSet<Long> acks = log.storage.acks(name, group);
        List<Buffered> out = new ArrayList<>();
        for (PartitionInfo p : info.partitions()) {
            long position = p.groups().getOrDefault(group, p.firstPosition());
            for (LogRecord r : read(p.firstPosition(), max)) {
                out.add(new Buffered(r, r.position() < position || acks.contains(r.position())));
            }
        }
        if (info.partitions().size() > 1) { // the oldest of every partition's
            out.sort(java.util.Comparator.comparing((Buffered b) -> b.record().timestamp())
                    .thenComparingLong(b -> b.record().position()));
            return List.copyOf(out.subList(0, Math.min(max, out.size())));
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
    public dev.sluice.Processor<Object, Void> sink() {
        return new StreamSink(this, log.location());
    }

    @Override
    public StreamInfo info() {
        return log.storage.stats(name).orElseThrow(() -> new IllegalStateException("stream '" + name + "' was dropped"));
    }

    @Override
    public long lag(String group) {
        return log.storage.lag(name, java.util.Objects.requireNonNull(group, "group"));
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
        long deleted = 0;
        for (PartitionInfo p : info.partitions()) {
            deleted += housekeep(r, p, info.groups().keySet(), info.partitions().size());
        }
        return deleted;
    }

    /**
     * Applies {@code r} to one partition: a group that has processed nothing there holds
     * everything in it, and a size limit is shared evenly by the partitions.
     */
    private long housekeep(Retention r, PartitionInfo p, java.util.Set<String> groups, int partitions) {
        long cut = p.firstPosition();
        long oldestUnprocessed = groups.stream().mapToLong(g -> p.groups().getOrDefault(g, p.firstPosition())).min()
                .orElse(p.firstPosition()); // no group: nothing counts as processed
        if (r.dropProcessed()) {
            cut = Math.max(cut, oldestUnprocessed);
        }
        if (r.maxBytes() > 0) {
            long keep = Math.max(1, r.maxBytes() / partitions);
            cut = Math.max(cut, Math.min(log.storage.positionKeepingBytes(name, p.partition(), keep), oldestUnprocessed));
        }
        if (r.maxAge() != null) {
            cut = Math.max(cut, log.storage.positionAtOrAfter(name, p.partition(), now().minus(r.maxAge())));
        }
        return cut > p.firstPosition() ? log.storage.deleteBefore(name, cut) : 0;
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
     * the next poll), on the log's clock: a virtual clock advances instead of waiting.
     */
    void awaitAppend() throws InterruptedException {
        appendedLock.lockInterruptibly();
        try {
            log.options.clock().await(appendedSignal, log.pollInterval());
        } finally {
            appendedLock.unlock();
        }
    }

    void stopConsumers() {
        consumers.forEach(DefaultGroupConsumer::stop);
    }

    DefaultStreamLog log() {
        return log;
    }
}
