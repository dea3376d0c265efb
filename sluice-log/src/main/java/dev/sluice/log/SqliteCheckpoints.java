package dev.sluice.log;

import dev.sluice.log.SqliteConnections.Cached;
import dev.sluice.log.spi.CheckpointCommit;
import dev.sluice.log.spi.StoredCheckpoint;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pipelines' checkpoints in the embedded log: a row per pipeline (its last checkpoint's number and
 * time) and a row per stateful node (its latest state), written in the same transaction as the
 * checkpoint's appends and acknowledgements. The tables are made on first use; a log that never
 * held a checkpoint has none, and earlier versions of Sluice ignore them.
 */
final class SqliteCheckpoints {
    private final SqliteStorage storage;

    SqliteCheckpoints(SqliteStorage storage) {
        this.storage = storage;
    }

    private static void ensureTables(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE IF NOT EXISTS checkpoints(pipeline TEXT PRIMARY KEY, id INTEGER NOT NULL,"
                    + " at INTEGER NOT NULL)");
            s.executeUpdate("CREATE TABLE IF NOT EXISTS checkpoint_states(pipeline TEXT NOT NULL, node TEXT NOT NULL,"
                    + " state BLOB NOT NULL, PRIMARY KEY(pipeline, node)) WITHOUT ROWID");
        }
    }

    private static boolean tablesExist(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'checkpoints'")) {
            return rs.next();
        }
    }

    void commit(CheckpointCommit commit) {
        storage.write(c -> {
            ensureTables(c);
            Long stored = storedId(c, commit.pipeline());
            if (stored != null && stored >= commit.id()) {
                throw new IllegalStateException("pipeline '" + commit.pipeline() + "' already has checkpoint " + stored
                        + " in this log, so checkpoint " + commit.id() + " is not the next: is the same pipeline"
                        + " running in another process?");
            }
            for (CheckpointCommit.Append a : commit.appends()) {
                if (!a.entries().isEmpty()) {
                    storage.appendIn(c, a.stream(), a.entries());
                }
            }
            for (CheckpointCommit.Ack a : commit.acks()) {
                storage.ackIn(c, a.stream(), a.group(), a.positions());
            }
            try (Cached cached = storage.prepare(c, "INSERT INTO checkpoint_states(pipeline, node, state) VALUES (?, ?, ?)"
                    + " ON CONFLICT(pipeline, node) DO UPDATE SET state = excluded.state")) {
                PreparedStatement ps = cached.statement();
                for (Map.Entry<String, byte[]> e : commit.states().entrySet()) {
                    ps.setString(1, commit.pipeline());
                    ps.setString(2, e.getKey());
                    ps.setBytes(3, e.getValue());
                    ps.executeUpdate();
                }
            }
            try (Cached cached = storage.prepare(c, "INSERT INTO checkpoints(pipeline, id, at) VALUES (?, ?, ?)"
                    + " ON CONFLICT(pipeline) DO UPDATE SET id = excluded.id, at = excluded.at")) {
                PreparedStatement ps = cached.statement();
                ps.setString(1, commit.pipeline());
                ps.setLong(2, commit.id());
                ps.setLong(3, commit.at().toEpochMilli());
                ps.executeUpdate();
            }
            return null;
        });
    }

    private Long storedId(Connection c, String pipeline) throws SQLException {
        try (Cached cached = storage.prepare(c, "SELECT id FROM checkpoints WHERE pipeline = ?")) {
            PreparedStatement ps = cached.statement();
            ps.setString(1, pipeline);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    Optional<StoredCheckpoint> latest(String pipeline) {
        return storage.read(c -> {
            if (!tablesExist(c)) {
                return Optional.empty();
            }
            long id;
            long at;
            try (Cached cached = storage.prepare(c, "SELECT id, at FROM checkpoints WHERE pipeline = ?")) {
                PreparedStatement ps = cached.statement();
                ps.setString(1, pipeline);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    id = rs.getLong(1);
                    at = rs.getLong(2);
                }
            }
            Map<String, byte[]> states = new HashMap<>();
            try (Cached cached = storage.prepare(c, "SELECT node, state FROM checkpoint_states WHERE pipeline = ?")) {
                PreparedStatement ps = cached.statement();
                ps.setString(1, pipeline);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        states.put(rs.getString(1), rs.getBytes(2));
                    }
                }
            }
            return Optional.of(new StoredCheckpoint(pipeline, id, Instant.ofEpochMilli(at), states));
        });
    }

    List<StoredCheckpoint> all() {
        return storage.read(c -> {
            List<StoredCheckpoint> out = new ArrayList<>();
            if (!tablesExist(c)) {
                return out;
            }
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pipeline, id, at FROM checkpoints ORDER BY pipeline")) {
                while (rs.next()) {
                    out.add(new StoredCheckpoint(rs.getString(1), rs.getLong(2), Instant.ofEpochMilli(rs.getLong(3)),
                            Map.of()));
                }
            }
            return out;
        });
    }

    boolean drop(String pipeline) {
        return storage.write(c -> {
            if (!tablesExist(c)) {
                return false;
            }
            try (Cached cached = storage.prepare(c, "DELETE FROM checkpoint_states WHERE pipeline = ?")) {
                cached.statement().setString(1, pipeline);
                cached.statement().executeUpdate();
            }
            try (Cached cached = storage.prepare(c, "DELETE FROM checkpoints WHERE pipeline = ?")) {
                cached.statement().setString(1, pipeline);
                return cached.statement().executeUpdate() > 0;
            }
        });
    }
}
