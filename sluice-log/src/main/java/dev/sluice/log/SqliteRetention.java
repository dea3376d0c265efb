package dev.sluice.log;

import dev.sluice.log.SqliteConnections.Cached;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/**
 * The embedded log's retention: each stream's rules (in its row of {@code streams}), the positions
 * where its records reach a time or a size, and the deletion of what comes before a position,
 * keeping the stream's record and byte counts exact.
 */
final class SqliteRetention {
    private final SqliteStorage storage;

    SqliteRetention(SqliteStorage storage) {
        this.storage = storage;
    }

    long deleteBefore(String stream, long position) {
        return storage.write(c -> storage.onTable(c, stream, () -> 0L, table -> {
            long count = 0;
            long bytes = 0;
            try (Cached cached = storage.prepare(c, "SELECT k, payload, headers FROM " + table + " WHERE pos < ?")) {
                PreparedStatement ps = cached.statement();
                ps.setLong(1, position);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        count++;
                        bytes += Sizes.of(rs.getBytes(1), rs.getBytes(2), Sizes.decodeHeaders(rs.getBytes(3)));
                    }
                }
            }
            try (Cached cached = storage.prepare(c, "DELETE FROM " + table + " WHERE pos < ?")) {
                PreparedStatement ps = cached.statement();
                ps.setLong(1, position);
                ps.executeUpdate();
            }
            try (Cached cached = storage.prepare(c,
                    "UPDATE streams SET records = records - ?, bytes = bytes - ? WHERE name = ?")) {
                PreparedStatement ps = cached.statement();
                ps.setLong(1, count);
                ps.setLong(2, bytes);
                ps.setString(3, stream);
                ps.executeUpdate();
            }
            return count;
        }));
    }

    void set(String stream, Retention retention) {
        storage.write(c -> {
            try (Cached cached = storage.prepare(c,
                    "UPDATE streams SET drop_processed = ?, max_age_ms = ?, max_bytes = ? WHERE name = ?")) {
                PreparedStatement ps = cached.statement();
                ps.setInt(1, retention.dropProcessed() ? 1 : 0);
                if (retention.maxAge() == null) {
                    ps.setNull(2, java.sql.Types.INTEGER);
                } else {
                    ps.setLong(2, retention.maxAge().toMillis());
                }
                ps.setLong(3, retention.maxBytes());
                ps.setString(4, stream);
                if (ps.executeUpdate() == 0) {
                    throw new IllegalArgumentException("no stream named '" + stream + "'");
                }
            }
            return null;
        });
    }

    Retention of(String stream) {
        return storage.read(c -> retentionIn(c, stream));
    }

    Retention retentionIn(Connection c, String stream) throws SQLException {
        try (Cached cached = storage.prepare(c,
                "SELECT drop_processed, max_age_ms, max_bytes FROM streams WHERE name = ?")) {
            PreparedStatement ps = cached.statement();
            ps.setString(1, stream);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalArgumentException("no stream named '" + stream + "'");
                }
                long age = rs.getLong(2);
                java.time.Duration maxAge = rs.wasNull() ? null : java.time.Duration.ofMillis(age);
                return new Retention(rs.getInt(1) == 1, maxAge, rs.getLong(3));
            }
        }
    }

    long positionAtOrAfter(String stream, Instant time) {
        return storage.read(c -> {
            // records are stamped roughly in position order, so the scan stops early
            Long found = storage.onTable(c, stream, () -> null, table -> {
                try (Cached cached = storage.prepare(c, "SELECT pos FROM " + table + " WHERE ts >= ? ORDER BY pos LIMIT 1")) {
                    PreparedStatement ps = cached.statement();
                    ps.setLong(1, time.toEpochMilli());
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() ? rs.getLong(1) : null;
                    }
                }
            });
            return found != null ? found : storage.nextPosition(c, stream);
        });
    }

    long positionKeepingBytes(String stream, long maxBytes) {
        return storage.read(c -> {
            long next = storage.nextPosition(c, stream);
            return storage.onTable(c, stream, () -> next, table -> {
                long position = next;
                long kept = 0;
                try (Cached cached = storage.prepare(c, "SELECT pos, k, payload, headers FROM " + table + " ORDER BY pos DESC")) {
                    try (ResultSet rs = cached.statement().executeQuery()) {
                        while (rs.next()) {
                            kept += Sizes.of(rs.getBytes(2), rs.getBytes(3), Sizes.decodeHeaders(rs.getBytes(4)));
                            if (kept > maxBytes) {
                                break;
                            }
                            position = rs.getLong(1);
                        }
                    }
                }
                return position;
            });
        });
    }
}
