package dev.sluice.log;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One connection's prepared statements by SQL text. SQLite spends a good part of a small
 * transaction preparing statements, so each text is prepared once; beyond {@link #BOUND} texts
 * (each stream has its own table, so a log of many streams has many texts) the least recently
 * used is closed. Used under the connection's lock, like the connection.
 */
final class StatementCache implements AutoCloseable {
    /** Enough for the usual statements of about two dozen streams. */
    static final int BOUND = 512;
    private final Connection connection;
    private final LinkedHashMap<String, PreparedStatement> statements = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedStatement> eldest) {
            if (size() <= BOUND) {
                return false;
            }
            try {
                eldest.getValue().close();
            } catch (SQLException e) {
                // closing frees native memory only; the statement is unreachable either way
            }
            return true;
        }
    };

    StatementCache(Connection connection) {
        this.connection = connection;
    }

    /** The statement for {@code sql}, prepared now if it was not (or was evicted). */
    PreparedStatement get(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    int size() {
        return statements.size();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement ps : statements.values()) {
            ps.close();
        }
        statements.clear();
    }
}
