package dev.sluice.log;

import dev.sluice.log.SqliteConnections.Cached;
import dev.sluice.log.spi.LogStorage;
import dev.sluice.time.Clock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The embedded default: one SQLite database in WAL mode per log directory. Several processes may
 * open the same directory: writes take SQLite's write lock up front ({@code BEGIN IMMEDIATE}),
 * so positions are assigned under it and stay unique and gap-free; readers never block writers.
 *
 * <p>Durability: {@link Durability#EVERY_COMMIT} runs SQLite with {@code synchronous=FULL}: a
 * commit returns after fsync. {@link Durability#PERIODIC} uses {@code synchronous=NORMAL}: a
 * commit survives a process crash at once and an operating-system crash after the next
 * checkpoint, which the log runs every interval.
 *
 * <p>This class holds the SQL and the file's layout ({@link SqliteSchema}); the connections and
 * their transactions are {@link SqliteConnections}'. One object is thread-safe.
 */
final class SqliteStorage implements LogStorage {
    static final String FILE = "sluice-log.db";

    private final SqliteConnections db;
    private final Clock clock;
    private final SqliteRetention retention = new SqliteRetention(this);
    private final SqliteCheckpoints checkpoints = new SqliteCheckpoints(this);

    SqliteStorage(Path dir, Durability durability, Clock clock) {
        this.clock = clock;
        try {
            Files.createDirectories(dir);
            this.db = new SqliteConnections(dir.resolve(FILE), durability);
        } catch (SQLException | java.io.IOException e) {
            throw new LogException("cannot open the stream log in " + dir + ": " + e.getMessage(), e);
        }
        try {
            createSchema();
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private void createSchema() {
        write(c -> {
            SqliteSchema.createOrUpgrade(c);
            return null;
        });
    }

    Cached prepare(Connection c, String sql) throws SQLException {
        return db.prepare(c, sql);
    }

    <T> T write(SqliteConnections.Tx<T> work) {
        return db.write(work);
    }

    <T> T read(SqliteConnections.Tx<T> work) {
        return db.read(work);
    }

    /** Checkpoints the WAL (see {@link SqliteConnections#checkpoint}); the log runs it every interval. */
    void checkpoint() {
        db.checkpoint();
    }

    @Override
    public void close() {
        db.close();
    }

    /** Stream name to the id of its records table (see {@link #onTable}). */
    private final Map<String, Long> ids = new java.util.concurrent.ConcurrentHashMap<>();
    /** Each records table's {@link #insertSql INSERT} texts, by plain (0 or 1) and log2 of the rows. */
    private final Map<Long, String[][]> inserts = new java.util.concurrent.ConcurrentHashMap<>();

    /** Work on one stream's records table, named {@code table}. */
    interface OnTable<T> {
        T run(String table) throws SQLException;
    }

    /**
     * Runs {@code work} on {@code stream}'s records table, or returns what {@code missing} gives
     * when there is no such stream. The table's id is cached. If another process dropped the
     * stream meanwhile (and perhaps made a new one of that name, whose table has a new id: ids
     * are never reused), the table is gone: the id is looked up again and the work retried once.
     */
    <T> T onTable(Connection c, String stream, java.util.function.Supplier<T> missing, OnTable<T> work)
            throws SQLException {
        for (boolean retried = false; ; retried = true) {
            Long id = ids.get(stream);
            if (id == null) {
                id = lookUpId(c, stream);
                if (id == null) {
                    return missing.get();
                }
                ids.put(stream, id);
            }
            try {
                return work.run(SqliteSchema.recordsTable(id));
            } catch (SQLException e) {
                ids.remove(stream);
                if (retried || !SqliteSchema.isMissingTable(e)) {
                    throw e;
                }
            }
        }
    }

    /** The id of {@code stream}'s records table from the database, or null if there is no such stream. */
    private Long lookUpId(Connection c, String stream) throws SQLException {
        return streamsColumn(c, stream, "id");
    }

    /** A whole-number column of {@code stream}'s row in {@code streams}, or null if there is no such stream. */
    private Long streamsColumn(Connection c, String stream, String column) throws SQLException {
        try (Cached cached = prepare(c, "SELECT " + column + " FROM streams WHERE name = ?")) {
            PreparedStatement ps = cached.statement();
            ps.setString(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    /** SQLite's {@code data_version}: it changes when another connection (ours or any process's) commits. */
    @Override
    public long version() {
        return read(c -> {
            try (Cached cached = prepare(c, "PRAGMA data_version"); ResultSet rs = cached.statement().executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    @Override
    public void createStream(String name) {
        write(c -> {
            try (Cached cached = prepare(c,
                    "INSERT OR IGNORE INTO streams(name, created, next_pos) VALUES (?, ?, 1)")) {
                PreparedStatement ps = cached.statement();
                ps.setString(1, name);
                ps.setLong(2, clock.currentTimeMillis());
                if (ps.executeUpdate() == 0) {
                    return null; // it exists
                }
            }
            SqliteSchema.createRecordsTable(c, lookUpId(c, name));
            return null;
        });
    }

    @Override
    public boolean dropStream(String name) {
        return write(c -> {
            ids.remove(name);
            Long id = lookUpId(c, name);
            if (id != null) {
                try (Statement s = c.createStatement()) {
                    s.executeUpdate("DROP TABLE IF EXISTS " + SqliteSchema.recordsTable(id));
                }
                inserts.remove(id);
            }
            for (String table : List.of("groups", "acks")) {
                try (Cached cached = prepare(c, "DELETE FROM " + table + " WHERE stream = ?")) {
                    PreparedStatement ps = cached.statement();
                    ps.setString(1, name);
                    ps.executeUpdate();
                }
            }
            try (Cached cached = prepare(c, "DELETE FROM streams WHERE name = ?")) {
                PreparedStatement ps = cached.statement();
                ps.setString(1, name);
                return ps.executeUpdate() > 0;
            }
        });
    }

    @Override
    public List<String> streamNames() {
        return read(c -> {
            List<String> names = new ArrayList<>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT name FROM streams ORDER BY name")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            return names;
        });
    }

    @Override
    public Optional<StreamInfo> stats(String name) {
        return read(c -> {
            long id;
            long created;
            long next;
            long count;
            long bytes;
            try (Cached cached = prepare(c,
                    "SELECT id, created, next_pos, records, bytes FROM streams WHERE name = ?")) {
                PreparedStatement ps = cached.statement();
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getLong(1);
                    created = rs.getLong(2);
                    next = rs.getLong(3);
                    count = rs.getLong(4);
                    bytes = rs.getLong(5);
                }
            }
            long first = next;
            if (count > 0) {
                try (Cached cached = prepare(c, "SELECT min(pos) FROM " + SqliteSchema.recordsTable(id));
                        ResultSet rs = cached.statement().executeQuery()) {
                    if (rs.next() && rs.getObject(1) != null) {
                        first = rs.getLong(1);
                    }
                } catch (SQLException e) {
                    if (SqliteSchema.isMissingTable(e)) {
                        return Optional.empty(); // dropped by another connection since the row was read
                    }
                    throw e;
                }
            }
            Map<String, Long> groups = new LinkedHashMap<>();
            try (Cached cached = prepare(c, "SELECT grp, pos FROM groups WHERE stream = ? ORDER BY grp")) {
                PreparedStatement ps = cached.statement();
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        groups.put(rs.getString(1), rs.getLong(2));
                    }
                }
            }
            return Optional.of(new StreamInfo(name, Instant.ofEpochMilli(created), count, bytes, first, next,
                    Map.copyOf(groups), retention.retentionIn(c, name)));
        });
    }

    @Override
    public long append(String stream, List<LogEntry> entries) {
        return write(c -> appendIn(c, stream, entries));
    }

    long appendIn(Connection c, String stream, List<LogEntry> entries) throws SQLException {
        long id;
        long first;
        try (Cached cached = prepare(c, "SELECT id, next_pos FROM streams WHERE name = ?")) {
            PreparedStatement ps = cached.statement();
            ps.setString(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no stream named '" + stream + "'");
                }
                id = rs.getLong(1);
                first = rs.getLong(2);
            }
        }
        String[][] sql = inserts.computeIfAbsent(id, SqliteStorage::insertSqls);
        long pos = first;
        int n = entries.size();
        for (int i = 0; i < n; ) {
            // the largest power of two left, up to MAX_ROWS_PER_INSERT: few statement shapes to
            // prepare and keep (nine sizes, with and without key and headers), and one SQLite step
            // for many rows
            int rows = Math.min(MAX_ROWS_PER_INSERT, Integer.highestOneBit(n - i));
            List<LogEntry> chunk = entries.subList(i, i + rows);
            boolean plain = chunk.stream().allMatch(e -> e.key() == null && e.headers().isEmpty());
            try (Cached cached = prepare(c, sql[plain ? 1 : 0][Integer.numberOfTrailingZeros(rows)])) {
                PreparedStatement ps = cached.statement();
                ps.setLong(1, pos);
                int at = 2;
                for (LogEntry e : chunk) {
                    ps.setLong(at++, e.timestamp().toEpochMilli());
                    if (!plain) {
                        ps.setBytes(at++, e.key());
                    }
                    ps.setBytes(at++, e.payload());
                    if (!plain) {
                        ps.setBytes(at++, Sizes.encodeHeaders(e.headers()));
                    }
                }
                ps.executeUpdate();
            }
            i += rows;
            pos += rows;
        }
        long bytes = 0;
        for (LogEntry e : entries) {
            bytes += Sizes.of(e);
        }
        try (Cached cached = prepare(c,
                "UPDATE streams SET next_pos = ?, records = records + ?, bytes = bytes + ? WHERE name = ?")) {
            PreparedStatement ps = cached.statement();
            ps.setLong(1, first + entries.size());
            ps.setLong(2, entries.size());
            ps.setLong(3, bytes);
            ps.setString(4, stream);
            ps.executeUpdate();
        }
        return first;
    }

    /** The most rows one INSERT statement takes. */
    private static final int MAX_ROWS_PER_INSERT = 256;

    /**
     * The {@link #insertSql} texts of records table {@code id}, by plain (0 or 1) and the log2 of
     * the rows: 1, 2, 4, ... 256. Built once per table: the cache of prepared statements hashes
     * the text, which a new string of a few kilobytes would have to compute at every append.
     */
    private static String[][] insertSqls(long id) {
        return java.util.stream.IntStream.of(0, 1)
                .mapToObj(plain -> java.util.stream.IntStream.rangeClosed(0, Integer.numberOfTrailingZeros(MAX_ROWS_PER_INSERT))
                        .mapToObj(log2 -> insertSql(SqliteSchema.recordsTable(id), 1 << log2, plain == 1))
                        .toArray(String[]::new))
                .toArray(String[][]::new);
    }

    /**
     * An INSERT of {@code rows} rows into {@code table}. The first position (?1) is bound once
     * and each row's position computed from it, so a row binds four parameters (each bind is a
     * call into native code through the driver): ?2-?5 for the first row, ?6-?9 for the second,
     * and so on. A {@code plain} one is for rows without key and headers, the usual case: two
     * parameters a row, the timestamp and the payload; binding was a seventh of a batched
     * append's time.
     */
    static String insertSql(String table, int rows, boolean plain) {
        int per = plain ? 2 : 4;
        return "INSERT INTO " + table + "(pos, ts, k, payload, headers) VALUES "
                + java.util.stream.IntStream.range(0, rows).mapToObj(r -> {
                    int at = 2 + per * r;
                    return plain
                            ? "(?1 + " + r + ", ?" + at + ", NULL, ?" + (at + 1) + ", NULL)"
                            : "(?1 + " + r + ", ?" + at + ", ?" + (at + 1) + ", ?" + (at + 2) + ", ?" + (at + 3) + ")";
                }).collect(java.util.stream.Collectors.joining(", "));
    }

    @Override
    public List<LogRecord> read(String stream, long from, int max) {
        return read(c -> {
            return onTable(c, stream, List::of, table -> {
                List<LogRecord> out = new ArrayList<>(Math.min(max, 1024));
                try (Cached cached = prepare(c, "SELECT pos, ts, k, payload, headers FROM " + table
                        + " WHERE pos >= ? ORDER BY pos LIMIT " + writtenLimit(max))) {
                    PreparedStatement ps = cached.statement();
                    ps.setLong(1, from);
                    addRecords(ps, out, max);
                }
                return out;
            });
        });
    }

    /**
     * One statement instead of the default's three (position, acks, records): one read
     * transaction and one snapshot. Each read transaction after another process's commit starts
     * with an empty page cache, so on a busy log this is most of what a consumer's poll costs.
     */
    @Override
    public List<LogRecord> unacknowledged(String stream, String group, long from, int max) {
        return read(c -> {
            return onTable(c, stream, List::of, table -> {
                List<LogRecord> out = new ArrayList<>(Math.min(max, 1024));
                try (Cached cached = prepare(c, "SELECT r.pos, r.ts, r.k, r.payload, r.headers FROM " + table + " r"
                        + " WHERE r.pos >= max(?3, coalesce("
                        + "(SELECT g.pos FROM groups g WHERE g.stream = ?1 AND g.grp = ?2), 1))"
                        + " AND NOT EXISTS (SELECT 1 FROM acks a WHERE a.stream = ?1 AND a.grp = ?2 AND a.pos = r.pos)"
                        + " ORDER BY r.pos LIMIT " + writtenLimit(max))) {
                    PreparedStatement ps = cached.statement();
                    ps.setString(1, stream);
                    ps.setString(2, group);
                    ps.setLong(3, from);
                    addRecords(ps, out, max);
                }
                return out;
            });
        });
    }

    /** One statement: one read transaction. */
    @Override
    public long lag(String stream, String group) {
        return read(c -> onTable(c, stream, () -> 0L, table -> {
            try (Cached cached = prepare(c, "SELECT s.next_pos - max(coalesce("
                    + "(SELECT g.pos FROM groups g WHERE g.stream = ?1 AND g.grp = ?2), 1),"
                    + " coalesce((SELECT min(r.pos) FROM " + table + " r), s.next_pos))"
                    + " - (SELECT count(*) FROM acks a WHERE a.stream = ?1 AND a.grp = ?2)"
                    + " FROM streams s WHERE s.name = ?1")) {
                PreparedStatement ps = cached.statement();
                ps.setString(1, stream);
                ps.setString(2, group);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Math.max(0, rs.getLong(1)) : 0L;
                }
            }
        }));
    }

    /**
     * The LIMIT to write into a query for at most {@code max} rows: the next power of two, so the
     * statement cache holds at most 31 texts per query. Written in rather than bound because with
     * a bound LIMIT the consumer's query took five times as long (about 50 us instead of 10, on a
     * 2-core VM).
     */
    static long writtenLimit(int max) {
        return max <= 1 ? 1 : Long.highestOneBit(max - 1L) << 1;
    }

    /** Adds up to {@code max} records of a query selecting pos, ts, k, payload, headers, in that order. */
    private static void addRecords(PreparedStatement ps, List<LogRecord> out, int max) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            for (int n = 0; n < max && rs.next(); n++) {
                out.add(new LogRecord(rs.getLong(1), rs.getBytes(3), rs.getBytes(4),
                        Sizes.decodeHeaders(rs.getBytes(5)), Instant.ofEpochMilli(rs.getLong(2))));
            }
        }
    }

    @Override
    public long position(String stream, String group) {
        return read(c -> positionIn(c, stream, group));
    }

    private long positionIn(Connection c, String stream, String group) throws SQLException {
        try (Cached cached = prepare(c, "SELECT pos FROM groups WHERE stream = ? AND grp = ?")) {
            PreparedStatement ps = cached.statement();
            ps.setString(1, stream);
            ps.setString(2, group);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 1L;
            }
        }
    }

    @Override
    public SortedSet<Long> acks(String stream, String group) {
        return read(c -> acksIn(c, stream, group));
    }

    private TreeSet<Long> acksIn(Connection c, String stream, String group) throws SQLException {
        TreeSet<Long> acks = new TreeSet<>();
        try (Cached cached = prepare(c, "SELECT pos FROM acks WHERE stream = ? AND grp = ?")) {
            PreparedStatement ps = cached.statement();
            ps.setString(1, stream);
            ps.setString(2, group);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    acks.add(rs.getLong(1));
                }
            }
        }
        return acks;
    }

    @Override
    public void ack(String stream, String group, Collection<Long> positions) {
        db.writeAcks(c -> {
            ackIn(c, stream, group, positions);
            return null;
        });
    }

    void ackIn(Connection c, String stream, String group, Collection<Long> positions)
            throws SQLException {
        long pos = positionIn(c, stream, group);
        TreeSet<Long> pending = acksIn(c, stream, group);
        boolean stored = !pending.isEmpty();
        for (long p : positions) {
            if (p >= pos) {
                pending.add(p);
            }
        }
        long start = pos;
        while (pending.remove(pos)) {
            pos++;
        }
        try (Cached cached = prepare(c,
                "INSERT INTO groups(stream, grp, pos) VALUES (?, ?, ?) ON CONFLICT(stream, grp) DO UPDATE SET pos = ?")) {
            PreparedStatement ps = cached.statement();
            ps.setString(1, stream);
            ps.setString(2, group);
            ps.setLong(3, pos);
            ps.setLong(4, pos);
            ps.executeUpdate();
        }
        if (!stored && pending.isEmpty()) {
            return; // the usual case, acknowledging in order: no out-of-order acks, before or after
        }
        try (Cached cached = prepare(c, "DELETE FROM acks WHERE stream = ? AND grp = ? AND pos < ?")) {
            PreparedStatement ps = cached.statement();
            ps.setString(1, stream);
            ps.setString(2, group);
            ps.setLong(3, pos);
            ps.executeUpdate();
        }
        try (Cached cached = prepare(c, "INSERT OR IGNORE INTO acks(stream, grp, pos) VALUES (?, ?, ?)")) {
            PreparedStatement ps = cached.statement();
            for (long p : pending) {
                ps.setString(1, stream);
                ps.setString(2, group);
                ps.setLong(3, p);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        assert pos >= start;
    }

    @Override
    public long appendAndAck(String target, List<LogEntry> entries, String source, String group,
            Collection<Long> positions) {
        return write(c -> {
            long first = appendIn(c, target, entries);
            ackIn(c, source, group, positions);
            return first;
        });
    }

    @Override
    public void commitCheckpoint(dev.sluice.log.spi.CheckpointCommit commit) {
        checkpoints.commit(commit);
    }

    @Override
    public Optional<dev.sluice.log.spi.StoredCheckpoint> checkpoint(String pipeline) {
        return checkpoints.latest(pipeline);
    }

    @Override
    public List<dev.sluice.log.spi.StoredCheckpoint> checkpoints() {
        return checkpoints.all();
    }

    @Override
    public boolean dropCheckpoint(String pipeline) {
        return checkpoints.drop(pipeline);
    }

    @Override
    public long deleteBefore(String stream, long position) {
        return retention.deleteBefore(stream, position);
    }

    @Override
    public void setRetention(String stream, Retention rules) {
        retention.set(stream, rules);
    }

    @Override
    public Retention retention(String stream) {
        return retention.of(stream);
    }

    @Override
    public long positionAtOrAfter(String stream, Instant time) {
        return retention.positionAtOrAfter(stream, time);
    }

    @Override
    public long positionKeepingBytes(String stream, long maxBytes) {
        return retention.positionKeepingBytes(stream, maxBytes);
    }

    long nextPosition(Connection c, String stream) throws SQLException {
        Long next = streamsColumn(c, stream, "next_pos");
        if (next == null) {
            throw new IllegalArgumentException("no stream named '" + stream + "'");
        }
        return next;
    }
}
