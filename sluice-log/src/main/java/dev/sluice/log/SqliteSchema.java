package dev.sluice.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded log's tables, and the upgrade of a file an earlier layout wrote. The layout's
 * number is SQLite's {@code user_version}.
 *
 * <p>Layout 2: each stream's records are a table of their own, {@code records_<id>}, whose key
 * is the position itself (SQLite's rowid). An append then adds rows at the end of one B-tree
 * without a key to compare per row. Layout 1 kept every stream in one table keyed by (stream
 * name, position): the name was stored and compared in every row, and a batched append cost a
 * quarter to a third more CPU per record. Stream ids come from {@code AUTOINCREMENT}, so an id
 * is never used twice: an id cached by a process stays valid until the stream is dropped.
 */
final class SqliteSchema {
    static final int VERSION = 2;

    private SqliteSchema() {}

    /** The table of the records of the stream whose id is {@code id}. */
    static String recordsTable(long id) {
        return "records_" + id;
    }

    /** Creates the records table of stream {@code id}. */
    static void createRecordsTable(Connection c, long id) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS " + recordsTable(id)
                    + "(pos INTEGER PRIMARY KEY, ts INTEGER NOT NULL, k BLOB, payload BLOB NOT NULL, headers BLOB)");
        }
    }

    /** Whether {@code e} says a table is missing: a stream another connection dropped. */
    static boolean isMissingTable(SQLException e) {
        return e.getMessage() != null && e.getMessage().contains("no such table");
    }

    /**
     * Brings the file to the current layout, inside the caller's write transaction: creates the
     * tables of an empty file, or upgrades a file of layout 1, copying every record, position,
     * acknowledgement and retention rule. Of several processes opening the file at once, the
     * first to take the write lock does it; the others find it done.
     *
     * @throws LogException if a newer version of Sluice wrote the file
     */
    static void createOrUpgrade(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            int version;
            try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                version = rs.next() ? rs.getInt(1) : 0;
            }
            if (version == VERSION) {
                return;
            }
            if (version > VERSION) {
                throw new LogException("the log file has layout " + version + ", written by a newer version of"
                        + " Sluice; this one reads layouts up to " + VERSION, null);
            }
            boolean layout1 = exists(s, "records");
            if (layout1) {
                s.executeUpdate("ALTER TABLE streams RENAME TO streams_v1");
            }
            // record and byte counts are kept up to date here so that metadata costs one row read
            s.executeUpdate("CREATE TABLE streams(id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL UNIQUE,"
                    + " created INTEGER NOT NULL, next_pos INTEGER NOT NULL, records INTEGER NOT NULL DEFAULT 0,"
                    + " bytes INTEGER NOT NULL DEFAULT 0, drop_processed INTEGER NOT NULL DEFAULT 0,"
                    + " max_age_ms INTEGER, max_bytes INTEGER NOT NULL DEFAULT 0)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS groups(stream TEXT NOT NULL, grp TEXT NOT NULL,"
                    + " pos INTEGER NOT NULL, PRIMARY KEY(stream, grp)) WITHOUT ROWID");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS acks(stream TEXT NOT NULL, grp TEXT NOT NULL,"
                    + " pos INTEGER NOT NULL, PRIMARY KEY(stream, grp, pos)) WITHOUT ROWID");
            if (layout1) {
                upgradeFromLayout1(c, s);
            }
            s.executeUpdate("PRAGMA user_version = " + VERSION);
        }
    }

    /** Layout 1 had one {@code records} table for every stream (groups and acks are unchanged). */
    private static void upgradeFromLayout1(Connection c, Statement s) throws SQLException {
        s.executeUpdate("INSERT INTO streams(name, created, next_pos, records, bytes, drop_processed, max_age_ms,"
                + " max_bytes) SELECT name, created, next_pos, records, bytes, drop_processed, max_age_ms, max_bytes"
                + " FROM streams_v1 ORDER BY name");
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("SELECT id, name FROM streams")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
                names.add(rs.getString(2));
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            long id = ids.get(i);
            createRecordsTable(c, id);
            try (PreparedStatement copy = c.prepareStatement("INSERT INTO " + recordsTable(id)
                    + "(pos, ts, k, payload, headers) SELECT pos, ts, k, payload, headers FROM records"
                    + " WHERE stream = ? ORDER BY pos")) {
                copy.setString(1, names.get(i));
                copy.executeUpdate();
            }
        }
        s.executeUpdate("DROP TABLE records");
        s.executeUpdate("DROP TABLE streams_v1");
    }

    private static boolean exists(Statement s, String table) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '" + table + "'")) {
            return rs.next();
        }
    }
}
