package dev.sluice.log;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteConfig;

/**
 * The embedded log's connections to its SQLite file, and how work runs on them: four
 * connections, one for writes (immediate transactions), one for acknowledgements (the same,
 * never synced), one for reads (autocommit), one for checkpoints. Each is used under its own
 * lock, so one object is thread-safe. {@link SqliteStorage} holds the SQL; this class, the
 * transactions, the waits for other processes' locks and the WAL's checkpoints.
 */
final class SqliteConnections implements AutoCloseable {
    private final Connection writer;
    private final Connection reader;
    private final Connection checkpointer;
    /**
     * Acknowledgements commit here, never synced: if a crash loses one, the records are delivered
     * again, which at-least-once allows, and the next synced commit or checkpoint syncs it anyway
     * since the WAL is written in order. So a consumer's acks do not queue behind fsyncs.
     */
    private final Connection acker;

    /** Each connection's statements; built once the connections are open, read-only after. */
    private final Map<Connection, StatementCache> statements = new java.util.IdentityHashMap<>();

    /** Opens the four connections to {@code file}; the caller creates the schema. */
    SqliteConnections(Path file, Durability durability) throws SQLException {
        String url = "jdbc:sqlite:" + file.toAbsolutePath();
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(durability == Durability.EVERY_COMMIT
                ? SQLiteConfig.SynchronousMode.FULL : SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(60_000);
        // nothing reads generated keys: with them on, the driver matches every INSERT's text
        // against a pattern and runs SELECT last_insert_rowid() after it (5% of an append's CPU)
        config.setGetGeneratedKeys(false);
        this.writer = config.createConnection(url);
        // Autocommit on, transactions by hand: with autocommit off the driver begins the next
        // transaction right after each commit, and an IMMEDIATE one would hold the write lock
        // between our writes, shutting other processes out.
        writer.setAutoCommit(true);
        SQLiteConfig readConfig = new SQLiteConfig();
        readConfig.setBusyTimeout(60_000);
        readConfig.setReadOnly(false);
        readConfig.setGetGeneratedKeys(false);
        this.reader = readConfig.createConnection(url);
        reader.setAutoCommit(true);
        // checkpoints run on a connection of their own, off the commit path (see checkpoint())
        this.checkpointer = readConfig.createConnection(url);
        SQLiteConfig ackConfig = new SQLiteConfig();
        ackConfig.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        ackConfig.setGetGeneratedKeys(false);
        this.acker = ackConfig.createConnection(url);
        acker.setAutoCommit(true);
        for (Connection c : List.of(writer, acker)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint=0");
                // the first commit after a WAL restart trims a WAL that grew past twice the
                // restart point (readers kept it from restarting) back to that size
                s.execute("PRAGMA journal_size_limit=" + 2L * RESTART_AFTER_PAGES * 4096);
            }
            org.sqlite.BusyHandler.setHandler(c, new ShortWaits(ShortWaits.MINUTE));
        }
        org.sqlite.BusyHandler.setHandler(reader, new ShortWaits(ShortWaits.MINUTE));
        // a RESTART checkpoint holds the write lock while it waits for readers: it gives up
        // soon (the next one tries again) rather than stall every writer behind a slow reader
        org.sqlite.BusyHandler.setHandler(checkpointer, new ShortWaits(20_000_000L));
        for (Connection c : List.of(writer, reader, checkpointer, acker)) {
            statements.put(c, new StatementCache(c));
        }
    }

    /**
     * Waits for another process's lock by retrying at once for a while, then in steps growing to
     * at most a millisecond, until {@code giveUpNanos}. A busy writer in another process frees the
     * lock only for the microseconds between two of its commits; SQLite's own busy timeout sleeps
     * milliseconds (up to 100) between tries and so can miss those gaps for a long time.
     */
    private static final class ShortWaits extends org.sqlite.BusyHandler {
        /** For reads and writes: a minute, then the caller sees SQLITE_BUSY. */
        static final long MINUTE = 60_000_000_000L;
        private static final long SPIN_NANOS = 200_000L;
        private final long giveUpNanos;
        private long since;

        ShortWaits(long giveUpNanos) {
            this.giveUpNanos = giveUpNanos;
        }

        @Override
        protected int callback(int previousCalls) {
            long now = System.nanoTime();
            if (previousCalls == 0) {
                since = now;
            }
            long waited = now - since;
            if (waited > giveUpNanos) {
                return 0; // SQLITE_BUSY reaches the caller
            }
            if (waited < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(Math.min(1_000_000L, waited / 8));
            }
            return 1;
        }
    }

    /** A statement from the cache, for try-with-resources: closing it only clears its parameters. */
    record Cached(PreparedStatement statement) implements AutoCloseable {
        @Override
        public void close() throws SQLException {
            statement.clearParameters();
            statement.clearBatch();
        }
    }

    /** A prepared statement from this connection's {@link StatementCache}. Callers hold the connection's lock. */
    Cached prepare(Connection c, String sql) throws SQLException {
        return new Cached(statements.get(c).get(sql));
    }

    /** A unit of work inside one write transaction. */
    interface Tx<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs {@code work} in an IMMEDIATE transaction: the write lock is taken (or waited for) first. */
    <T> T write(Tx<T> work) {
        return write(writer, work);
    }

    private <T> T write(Connection connection, Tx<T> work) {
        if (restartPending) {
            synchronized (checkpointer) {
                // held by the checkpoint until the WAL restart is done
            }
        }
        synchronized (connection) {
            boolean begun = false;
            try {
                // prepared once like every other statement: preparing BEGIN and COMMIT anew cost
                // a consumer that acknowledges small windows a few percent of its CPU
                try (Cached begin = prepare(connection, "BEGIN IMMEDIATE")) {
                    begin.statement().execute();
                }
                begun = true;
                T result = work.run(connection);
                try (Cached commit = prepare(connection, "COMMIT")) {
                    commit.statement().execute();
                }
                return result;
            } catch (SQLException | RuntimeException e) {
                if (begun) {
                    try (Statement s = connection.createStatement()) {
                        s.execute("ROLLBACK");
                    } catch (SQLException suppressed) {
                        e.addSuppressed(suppressed);
                    }
                }
                if (e instanceof RuntimeException r) {
                    throw r;
                }
                throw new LogException("stream log write failed: " + e.getMessage(), e);
            }
        }
    }

    <T> T read(Tx<T> work) {
        synchronized (reader) {
            try {
                return work.run(reader);
            } catch (SQLException e) {
                throw new LogException("stream log read failed: " + e.getMessage(), e);
            }
        }
    }

    /** Runs {@code work} in a transaction on the acknowledgements' connection (never synced). */
    <T> T writeAcks(Tx<T> work) {
        return write(acker, work);
    }

    /**
     * Copies the WAL into the database file and syncs it, so the WAL can start over (and, with
     * PERIODIC durability, what was committed is on disk). The log runs it every
     * {@code checkpointEvery} on its own connection: commits go on meanwhile, where SQLite's
     * automatic checkpoint (off here) would run it inside whichever commit crossed 1,000 pages.
     */
    void checkpoint() {
        synchronized (checkpointer) {
            try (Statement s = checkpointer.createStatement()) {
                if (walPages(s, "PASSIVE") > RESTART_AFTER_PAGES) {
                    // this process's writers wait (see write) rather than win every race for
                    // SQLite's write lock in the microseconds between their commits
                    restartPending = true;
                    try {
                        synchronized (writer) {
                            walPages(s, "RESTART");
                        }
                    } finally {
                        restartPending = false;
                    }
                }
            } catch (SQLException e) {
                throw new LogException("checkpoint failed: " + e.getMessage(), e);
            }
        }
    }

    /** Set while {@link #checkpoint} waits to restart the WAL; writers then wait for it to finish. */
    private volatile boolean restartPending;

    /**
     * WAL pages past which a checkpoint makes the next commit start the WAL over (16 MB). A passive
     * checkpoint never does under steady writes: SQLite restarts the WAL only when a transaction
     * begins after every frame was copied, and a writer in this or another process always adds
     * frames while the checkpoint copies. The WAL then grew without end (800 MB after 4.4 million
     * 100-byte records), and every commit extended the file, whose new pages the kernel zeroes
     * first (a fifth of the CPU of batched appends). A {@code RESTART} checkpoint holds the write
     * lock while it copies what the passive one just left (a fraction of a second's frames) and
     * syncs: a pause for writers of a few milliseconds, once per 16 MB written.
     */
    static final int RESTART_AFTER_PAGES = 4096;

    /** Runs a checkpoint in {@code mode}; returns the WAL's size in pages when it began. */
    private static int walPages(Statement s, String mode) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA wal_checkpoint(" + mode + ")")) {
            return rs.next() ? rs.getInt(2) : 0; // columns: busy, WAL pages, pages copied
        }
    }

    @Override
    public void close() {
        try {
            for (Connection c : List.of(reader, checkpointer, acker, writer)) {
                synchronized (c) {
                    statements.get(c).close();
                    c.close();
                }
            }
        } catch (SQLException e) {
            throw new LogException("closing the stream log failed: " + e.getMessage(), e);
        }
    }
}
