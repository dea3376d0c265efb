package dev.sluice.log;

import dev.sluice.log.contract.LogStorageContractTest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.time.Clock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded log's file layout: the upgrade of older files, and streams other connections drop. */
class SqliteLayoutTest {
    @TempDir
    Path dir;

    private Connection raw() throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(SqliteStorage.FILE));
    }

    /** A file as layout 1 wrote it: one records table for every stream. */
    private void writeLayout1() throws Exception {
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.executeUpdate("CREATE TABLE streams(name TEXT PRIMARY KEY, created INTEGER NOT NULL,"
                    + " next_pos INTEGER NOT NULL, records INTEGER NOT NULL DEFAULT 0,"
                    + " bytes INTEGER NOT NULL DEFAULT 0, drop_processed INTEGER NOT NULL DEFAULT 0,"
                    + " max_age_ms INTEGER, max_bytes INTEGER NOT NULL DEFAULT 0)");
            s.executeUpdate("CREATE TABLE records(stream TEXT NOT NULL, pos INTEGER NOT NULL,"
                    + " ts INTEGER NOT NULL, k BLOB, payload BLOB NOT NULL, headers BLOB,"
                    + " PRIMARY KEY(stream, pos)) WITHOUT ROWID");
            s.executeUpdate("CREATE TABLE groups(stream TEXT NOT NULL, grp TEXT NOT NULL,"
                    + " pos INTEGER NOT NULL, PRIMARY KEY(stream, grp)) WITHOUT ROWID");
            s.executeUpdate("CREATE TABLE acks(stream TEXT NOT NULL, grp TEXT NOT NULL,"
                    + " pos INTEGER NOT NULL, PRIMARY KEY(stream, grp, pos)) WITHOUT ROWID");
            s.executeUpdate("INSERT INTO streams VALUES ('orders', 1000, 4, 3, 33, 1, NULL, 100)");
            s.executeUpdate("INSERT INTO streams VALUES ('trimmed', 2000, 3, 1, 5, 0, 60000, 0)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO records VALUES (?, ?, ?, ?, ?, ?)")) {
                Object[][] rows = {
                    {"orders", 1, 10L, "k1".getBytes(StandardCharsets.UTF_8), "o1", Sizes.encodeHeaders(Map.of("h", "v"))},
                    {"orders", 2, 20L, null, "o2", null},
                    {"orders", 3, 30L, null, "o3", null},
                    {"trimmed", 2, 40L, null, "t2", null},
                };
                for (Object[] r : rows) {
                    ps.setString(1, (String) r[0]);
                    ps.setInt(2, (Integer) r[1]);
                    ps.setLong(3, (Long) r[2]);
                    ps.setBytes(4, (byte[]) r[3]);
                    ps.setBytes(5, ((String) r[4]).getBytes(StandardCharsets.UTF_8));
                    ps.setBytes(6, (byte[]) r[5]);
                    ps.executeUpdate();
                }
            }
            s.executeUpdate("INSERT INTO groups VALUES ('orders', 'billing', 2)");
            s.executeUpdate("INSERT INTO acks VALUES ('orders', 'billing', 3)");
        }
    }

    @Test
    void aLayout1File_isUpgraded_keepingEveryRecordPositionAcknowledgementAndRule() throws Exception {
        writeLayout1();
        for (int open = 0; open < 2; open++) { // the second open finds it done
            try (SqliteStorage s = new SqliteStorage(dir, Durability.EVERY_COMMIT, Clock.system())) {
                List<LogRecord> orders = s.read("orders", 1, 3);
                assertEquals(List.of("o1", "o2", "o3"), orders.stream().map(LogRecord::text).toList());
                assertEquals(List.of(1L, 2L, 3L), orders.stream().map(LogRecord::position).toList());
                assertEquals("k1", new String(orders.get(0).key(), StandardCharsets.UTF_8));
                assertEquals(Map.of("h", "v"), orders.get(0).headers());
                assertEquals(Instant.ofEpochMilli(10), orders.get(0).timestamp());
                assertEquals(2, s.position("orders", "billing"));
                assertEquals(Set.of(3L), s.acks("orders", "billing"));
                assertEquals(List.of("o2"), s.unacknowledged("orders", "billing", 0, 1).stream().map(LogRecord::text).toList());
                assertEquals(new Retention(true, null, 100), s.retention("orders"));
                StreamInfo trimmed = s.stats("trimmed").orElseThrow();
                assertEquals(List.of(2L, 3L, 1L, 5L), List.of(trimmed.firstPosition(), trimmed.nextPosition(),
                        trimmed.records(), trimmed.bytes()));
                assertEquals(new Retention(false, java.time.Duration.ofMinutes(1), 0), trimmed.retention());
                if (open == 0) {
                    assertEquals(4, s.append("orders", List.of(LogStorageContractTest.entry("o4"))));
                } else {
                    assertEquals("o4", s.read("orders", 4, 1).get(0).text());
                }
            }
        }
        try (Connection c = raw(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA user_version")) {
                assertEquals(SqliteSchema.VERSION, rs.getInt(1));
            }
            try (ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE name IN ('records', 'streams_v1')")) {
                assertFalse(rs.next(), "the old tables are gone");
            }
        }
    }

    @Test
    void aFileOfANewerLayout_isRefused_sayingSo() throws Exception {
        try (Connection c = raw(); Statement s = c.createStatement()) {
            s.execute("PRAGMA user_version = " + (SqliteSchema.VERSION + 1));
        }
        LogException e = assertThrows(LogException.class,
                () -> new SqliteStorage(dir, Durability.EVERY_COMMIT, Clock.system()).close());
        assertTrue(e.getMessage().contains("layout " + (SqliteSchema.VERSION + 1) + ", written by a newer version"),
                e.getMessage());
    }

    @Test
    void aStreamAnotherConnectionDropsAndMakesAgain_isReadFromItsNewTable() {
        try (SqliteStorage a = new SqliteStorage(dir, Durability.EVERY_COMMIT, Clock.system());
                SqliteStorage b = new SqliteStorage(dir, Durability.EVERY_COMMIT, Clock.system())) {
            a.createStream("s");
            a.append("s", List.of(LogStorageContractTest.entry("old")));
            assertEquals(List.of("old"), texts(a.read("s", 1, 10))); // a knows the table now
            b.dropStream("s");
            b.createStream("s");
            b.append("s", List.of(LogStorageContractTest.entry("new")));
            assertEquals(List.of("new"), texts(a.read("s", 1, 10)));
            assertEquals(2, a.append("s", List.of(LogStorageContractTest.entry("more"))));
            assertEquals(List.of("new", "more"), texts(a.unacknowledged("s", "g", 0, 10)));
            b.dropStream("s");
            assertEquals(List.of(), a.read("s", 1, 10));
            assertEquals(0, a.lag("s", "g"));
            assertThrows(IllegalArgumentException.class, () -> a.append("s", List.of(LogStorageContractTest.entry("x"))));
        }
    }

    @Test
    void theStatementCache_closesTheLeastRecentlyUsed_beyondItsBound() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite::memory:"); StatementCache cache = new StatementCache(c)) {
            PreparedStatement first = cache.get("SELECT 0");
            for (int i = 1; i <= StatementCache.BOUND; i++) {
                cache.get("SELECT " + i);
            }
            assertEquals(StatementCache.BOUND, cache.size());
            assertTrue(first.isClosed(), "the least recently used was closed");
            try (ResultSet rs = cache.get("SELECT 0").executeQuery()) {
                assertEquals(0, rs.getInt(1), "and is prepared again when asked for");
            }
        }
    }

    private static List<String> texts(List<LogRecord> records) {
        return records.stream().map(LogRecord::text).toList();
    }
}
