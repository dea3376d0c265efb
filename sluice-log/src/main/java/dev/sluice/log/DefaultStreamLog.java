package dev.sluice.log;

import dev.sluice.log.spi.LogStorage;
import dev.sluice.time.Cancellable;
import dev.sluice.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/** The {@link StreamLog} over any {@link LogStorage}. */
final class DefaultStreamLog implements StreamLog {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    final LogStorage storage;
    final Options options;
    private final String where;
    private final Map<String, DefaultLogStream> streams = new ConcurrentHashMap<>();
    private final Scheduler timer;
    private volatile boolean closed;

    DefaultStreamLog(LogStorage storage, Options options, String where) {
        this.storage = storage;
        this.options = options;
        this.where = where;
        this.timer = options.clock().newScheduler(r -> Thread.ofPlatform().daemon(true)
                .name("sluice-log-timer").unstarted(r));
        if (storage instanceof SqliteStorage sqlite) {
            every(options.checkpointEvery(), sqlite::checkpoint);
        }
        every(options.housekeepEvery(), this::housekeep);
    }

    /** Runs {@code task} every {@code interval} until the log closes; a failing run is logged. */
    private void every(Duration interval, Runnable task) {
        Cancellable ignored = timer.schedule(interval, () -> {
            if (closed) {
                return;
            }
            try {
                task.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(StreamLog.class).warn("stream log {}: periodic task failed", where, e);
            }
            every(interval, task);
        });
    }

    /** Applies retention to every stream; returns the records deleted. */
    long housekeep() {
        long deleted = 0;
        for (String name : storage.streamNames()) {
            deleted += ((DefaultLogStream) stream(name)).housekeep();
        }
        return deleted;
    }

    static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid stream name '" + name
                    + "': use letters, digits, '.', '_' and '-', starting with a letter or digit, at most 200");
        }
        return name;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the stream log at " + where + " is closed");
        }
    }

    @Override
    public String location() {
        return where;
    }

    @Override
    public LogCheckpointStore checkpoints(String pipeline) {
        checkOpen();
        return new LogCheckpointStore(this, pipeline, false);
    }

    @Override
    public List<dev.sluice.log.spi.StoredCheckpoint> pipelineCheckpoints() {
        checkOpen();
        return storage.checkpoints();
    }

    @Override
    public LogStream stream(String name) {
        checkOpen();
        return streams.computeIfAbsent(checkName(name), n -> {
            storage.createStream(n);
            return new DefaultLogStream(this, n);
        });
    }

    @Override
    public List<StreamInfo> streams() {
        checkOpen();
        List<StreamInfo> out = new ArrayList<>();
        for (String name : storage.streamNames()) {
            storage.stats(name).ifPresent(out::add);
        }
        return out;
    }

    @Override
    public Optional<StreamInfo> info(String name) {
        checkOpen();
        return storage.stats(name);
    }

    @Override
    public boolean drop(String name) {
        checkOpen();
        streams.remove(name);
        return storage.dropStream(name);
    }

    /** Wakes consumers of this process waiting on {@code stream}: new records arrived. */
    void appended(String stream) {
        DefaultLogStream s = streams.get(stream);
        if (s != null) {
            s.signalAppended();
        }
    }

    Duration pollInterval() {
        return options.pollInterval();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        streams.values().forEach(DefaultLogStream::stopConsumers);
        streams.values().forEach(DefaultLogStream::closeWriter); // queued appends are committed first
        timer.close();
        storage.close();
    }

    @Override
    public String toString() {
        return "StreamLog[" + where + "]";
    }
}
