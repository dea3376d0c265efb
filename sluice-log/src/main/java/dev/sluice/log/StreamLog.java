package dev.sluice.log;

import dev.sluice.log.spi.LogStorage;
import dev.sluice.time.Clock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A directory of named, durable streams that producers append to and consumer groups read as
 * windows, from any number of processes at once: minibatch and omega|ml streams without a server.
 *
 * <pre>{@code
 * try (StreamLog log = StreamLog.openDefault()) {
 *     LogStream stream = log.stream("test");          // get or create
 *     stream.append("{\"date\": \"2026-11-27\"}");
 *     stream.consumer("printer", WindowStrategy.count(2))
 *           .run(window -> System.out.println(window.texts()));
 * }
 * }</pre>
 */
public interface StreamLog extends AutoCloseable {

    /** Environment variable naming the default log directory. */
    String DIR_ENV = "SLUICE_LOG_DIR";

    /** The default directory: {@code $SLUICE_LOG_DIR}, else {@code sluice-log} under the working directory. */
    static Path defaultDirectory() {
        String env = System.getenv(DIR_ENV);
        return env != null && !env.isBlank() ? Path.of(env) : Path.of("sluice-log");
    }

    /** Opens (creating if needed) the embedded log in {@link #defaultDirectory()}. */
    static StreamLog openDefault() {
        return open(defaultDirectory());
    }

    /**
     * Whether {@code dir} holds an embedded log, so that a tool that only reads can say "no log
     * there" instead of making an empty one at a mistyped path.
     */
    static boolean existsIn(Path dir) {
        return java.nio.file.Files.isRegularFile(dir.resolve(SqliteStorage.FILE));
    }

    /** Opens (creating if needed) the embedded SQLite log in {@code dir}. */
    static StreamLog open(Path dir) {
        return open(dir, Options.defaults());
    }

    /** Opens the embedded log in {@code dir} with options. */
    static StreamLog open(Path dir, Options options) {
        return new DefaultStreamLog(new SqliteStorage(dir, options.durability(), options.clock()), options,
                dir.toAbsolutePath().normalize().toString());
    }

    /** A log in memory, for tests: one process, gone when closed. */
    static StreamLog inMemory() {
        return inMemory(Options.defaults());
    }

    /** A log in memory with options. */
    static StreamLog inMemory(Options options) {
        MemoryStorage storage = new MemoryStorage(options.clock());
        return new DefaultStreamLog(storage, options, "memory@" + Integer.toHexString(System.identityHashCode(storage)));
    }

    /**
     * A log on the backend called {@code backend} (the log on Kafka is {@code kafka}, in the module
     * {@code sluice-log-kafka}) at {@code location}, with its settings: for pipeline files and tools
     * that name a backend rather than depend on its module.
     *
     * @throws IllegalArgumentException if no module on the class path provides that backend, naming
     *     the module to add for Sluice's own
     */
    static StreamLog open(String backend, String location, java.util.Map<String, String> settings) {
        for (var provider : java.util.ServiceLoader.load(dev.sluice.log.spi.LogStorageProvider.class)) {
            if (provider.name().equals(backend)) {
                return on(provider.open(location, settings), Options.defaults());
            }
        }
        throw new IllegalArgumentException("no log backend '" + backend + "' on the class path"
                + (backend.equals("kafka") ? ": the log on Kafka comes with the module dev.sluice:sluice-log-kafka" : ""));
    }

    /** A log on another {@link LogStorage} backend. */
    static StreamLog on(LogStorage storage, Options options) {
        return new DefaultStreamLog(storage, options, storage.toString());
    }

    /**
     * Where this log is: the embedded log's directory (absolute), or the backend and its address;
     * checkpoint parts name it, so that a store commits only what is on its own log.
     */
    String location();

    /**
     * The checkpoint store of pipeline {@code pipeline} in this log: checkpoints committed in one
     * transaction with the appends and acknowledgements of the pipeline's log sinks and sources
     * ({@code Sluice.pipeline().checkpoints(log.checkpoints("name"), interval)}). Closing the store
     * leaves this log open.
     */
    LogCheckpointStore checkpoints(String pipeline);

    /** The last checkpoint of every pipeline that checkpoints into this log (without the states). */
    List<dev.sluice.log.spi.StoredCheckpoint> pipelineCheckpoints();

    /** The stream called {@code name}, created on first access. */
    LogStream stream(String name);

    /** Every stream with its metadata. */
    List<StreamInfo> streams();

    /** Metadata of one stream, if it exists. */
    Optional<StreamInfo> info(String name);

    /** Deletes a stream, its records and its groups. */
    boolean drop(String name);

    /** Stops consumers of this log object and releases the storage. */
    @Override
    void close();

    /**
     * Settings of a log.
     *
     * @param clock time for record timestamps, time windows and waits
     * @param durability when an acknowledged append reaches the disk
     * @param checkpointEvery how often the write-ahead log is copied into the database file and synced;
     *     with {@link Durability#PERIODIC}, how often commits reach the disk
     * @param pollInterval how long an idle consumer waits before looking for new records
     * @param maxBatch the most records one group commit or one consumer read takes
     * @param housekeepEvery how often retention rules are applied to every stream
     * @param linger how long a group commit of {@code appendAsync} entries stays open for more
     *     (like Kafka's {@code linger.ms}); an {@code append} that waits for its commit is never held
     */
    record Options(Clock clock, Durability durability, Duration checkpointEvery, Duration pollInterval, int maxBatch,
            Duration housekeepEvery, Duration linger) {
        /** Validates. */
        public Options {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(durability, "durability");
            Objects.requireNonNull(checkpointEvery, "checkpointEvery");
            Objects.requireNonNull(pollInterval, "pollInterval");
            Objects.requireNonNull(housekeepEvery, "housekeepEvery");
            Objects.requireNonNull(linger, "linger");
            if (linger.isNegative()) {
                throw new IllegalArgumentException("linger must not be negative");
            }
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be positive");
            }
        }

        /**
         * System clock, fsync on every commit, checkpoint every 100 ms, poll every 10 ms, batches of
         * 1,000, housekeeping every minute, asynchronous appends held 1 ms for company. Frequent
         * checkpoints keep the write-ahead log short, which every reader walks. The linger is what
         * keeps a steady stream of single {@code appendAsync} calls cheap: at 10,000 records/s
         * across two processes it cut the CPU of producer and consumer by about a third and the
         * p99 latency from about 8 ms to about 4 (see docs/benchmarks.md).
         */
        public static Options defaults() {
            return new Options(Clock.system(), Durability.EVERY_COMMIT, Duration.ofMillis(100), Duration.ofMillis(10),
                    1000, Duration.ofMinutes(1), Duration.ofMillis(1));
        }

        /** With another clock. */
        public Options withClock(Clock c) {
            return new Options(c, durability, checkpointEvery, pollInterval, maxBatch, housekeepEvery, linger);
        }

        /** With another durability. */
        public Options withDurability(Durability d) {
            return new Options(clock, d, checkpointEvery, pollInterval, maxBatch, housekeepEvery, linger);
        }

        /** With another checkpoint interval. */
        public Options withCheckpointEvery(Duration every) {
            return new Options(clock, durability, every, pollInterval, maxBatch, housekeepEvery, linger);
        }

        /** With another largest batch per group commit and per consumer read. */
        public Options withMaxBatch(int max) {
            return new Options(clock, durability, checkpointEvery, pollInterval, max, housekeepEvery, linger);
        }

        /** With another housekeeping interval. */
        public Options withHousekeepEvery(Duration every) {
            return new Options(clock, durability, checkpointEvery, pollInterval, maxBatch, every, linger);
        }

        /** With another linger for asynchronous appends ({@link Duration#ZERO}: commit at once). */
        public Options withLinger(Duration l) {
            return new Options(clock, durability, checkpointEvery, pollInterval, maxBatch, housekeepEvery, l);
        }

        /** With another poll interval. */
        public Options withPollInterval(Duration p) {
            return new Options(clock, durability, checkpointEvery, p, maxBatch, housekeepEvery, linger);
        }
    }
}
