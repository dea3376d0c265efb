package dev.sluice.log;

import dev.sluice.log.contract.LogStorageContractTest;

import dev.sluice.log.spi.LogStorage;
import dev.sluice.time.Clock;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The embedded backend against the contract, on a real SQLite file in a temporary directory. */
class SqliteStorageTest extends LogStorageContractTest {
    @TempDir
    Path dir;

    @Override
    protected LogStorage open() {
        return new SqliteStorage(dir, Durability.EVERY_COMMIT, Clock.system());
    }

    @Override
    protected LogStorage reopen() {
        storage.close();
        return new SqliteStorage(dir, Durability.EVERY_COMMIT, Clock.system());
    }

    /** Limits are written into the SQL rounded up to a power of two; the rows stop at the limit asked. */
    @org.junit.jupiter.api.Test
    void everyLimit_returnsExactlyThatMany_andTheWrittenLimitsAreFew() {
        storage.createStream("s");
        storage.append("s", java.util.stream.IntStream.range(0, 20).mapToObj(i -> entry("r" + i)).toList());
        for (int max : new int[] {1, 3, 7, 8, 9, 19}) {
            org.junit.jupiter.api.Assertions.assertEquals(max, storage.read("s", 1, max).size());
            org.junit.jupiter.api.Assertions.assertEquals(max, storage.unacknowledged("s", "g", 0, max).size());
        }
        org.junit.jupiter.api.Assertions.assertEquals(20, storage.read("s", 1, Integer.MAX_VALUE).size());
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(1L, 1L, 2L, 4L, 8L, 8L, 16L, 1024L, 1L << 31),
                java.util.stream.IntStream.of(0, 1, 2, 3, 5, 8, 9, 1000, Integer.MAX_VALUE)
                        .mapToObj(SqliteStorage::writtenLimit).toList());
    }

    /**
     * Appends write up to 256 rows per INSERT statement, in chunks of powers of two: every batch
     * size around those keeps each record's position, key, payload, headers and timestamp.
     */
    @org.junit.jupiter.api.Test
    void batchesOfEverySizeAroundTheRowsPerStatement_keepEveryField() {
        storage.createStream("b");
        java.util.List<LogEntry> all = new java.util.ArrayList<>();
        for (int size : new int[] {1, 2, 3, 7, 255, 256, 257, 511, 1000}) {
            java.util.List<LogEntry> batch = new java.util.ArrayList<>();
            for (int i = 0; i < size; i++) {
                int n = all.size() + i;
                batch.add(new LogEntry(n % 3 == 0 ? null : ("k" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        ("p" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        n % 2 == 0 ? java.util.Map.of() : java.util.Map.of("h", "v" + n),
                        java.time.Instant.ofEpochMilli(1_000_000L + n)));
            }
            org.junit.jupiter.api.Assertions.assertEquals(all.size() + 1L, storage.append("b", batch));
            all.addAll(batch);
        }
        assertStoredFromOne(all, storage.read("b", 1, Integer.MAX_VALUE));
    }

    /** {@code read} holds {@code written}, field by field, at positions 1, 2, ... */
    private static void assertStoredFromOne(java.util.List<LogEntry> written, java.util.List<LogRecord> read) {
        org.junit.jupiter.api.Assertions.assertEquals(written.size(), read.size());
        for (int i = 0; i < written.size(); i++) {
            LogEntry e = written.get(i);
            LogRecord r = read.get(i);
            org.junit.jupiter.api.Assertions.assertEquals(i + 1L, r.position());
            org.junit.jupiter.api.Assertions.assertArrayEquals(e.key(), r.key(), "key at " + r.position());
            org.junit.jupiter.api.Assertions.assertArrayEquals(e.payload(), r.payload());
            org.junit.jupiter.api.Assertions.assertEquals(e.headers(), r.headers(), "headers at " + r.position());
            org.junit.jupiter.api.Assertions.assertEquals(e.timestamp(), r.timestamp());
        }
    }

    /**
     * Chunks of rows without key and headers take a statement with two parameters a row; a chunk
     * with one key or one header among them takes the full one. Both keep every field. (133 rows:
     * chunks of 128, 4 and 1; the first is plain, the key is in the second, the header the third.)
     */
    @org.junit.jupiter.api.Test
    void plainChunksAndChunksWithOneKeyOrHeader_keepEveryField() {
        storage.createStream("p");
        java.util.List<LogEntry> batch = new java.util.ArrayList<>();
        for (int n = 0; n < 4 * 32 + 5; n++) {
            byte[] key = n == 129 ? "k129".getBytes(java.nio.charset.StandardCharsets.UTF_8) : null;
            java.util.Map<String, String> headers = n == 132 ? java.util.Map.of("h", "132") : java.util.Map.of();
            batch.add(new LogEntry(key, ("p" + n).getBytes(java.nio.charset.StandardCharsets.UTF_8), headers,
                    java.time.Instant.ofEpochMilli(5_000L + n)));
        }
        org.junit.jupiter.api.Assertions.assertEquals(1L, storage.append("p", batch));
        assertStoredFromOne(batch, storage.read("p", 1, Integer.MAX_VALUE));
    }

    /**
     * Under steady writes a passive checkpoint never lets SQLite start the WAL over: the file grew
     * without end. Each round, a writer thread appends about 20 MB, then goes on appending while a
     * checkpoint runs from another thread, as the log runs them; after the round the WAL file is
     * at its limit, however much it had grown. The writer appends only what it is allowed, so the
     * bound does not depend on how fast the checkpoint is; the overlap is what the old code failed
     * on (55 MB after the second round).
     */
    @org.junit.jupiter.api.Test
    void walStaysBounded_whileAWriterAppendsDuringCheckpoints() throws Exception {
        storage.close();
        storage = new SqliteStorage(dir, Durability.PERIODIC, Clock.system());
        storage.createStream("w");
        java.util.List<LogEntry> batch = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> new LogEntry(null, new byte[100], java.util.Map.of(), java.time.Instant.EPOCH)).toList();
        java.util.concurrent.Semaphore allowed = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.Semaphore written = new java.util.concurrent.Semaphore(0);
        java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
        Thread writer = Thread.ofPlatform().name("wal-writer").start(() -> {
            try {
                while (true) {
                    allowed.acquire();
                    if (Thread.currentThread().isInterrupted()) {
                        return;
                    }
                    storage.append("w", batch);
                    written.release();
                }
            } catch (InterruptedException e) {
                // done
            } catch (Throwable t) {
                failed.set(t);
                written.release(1_000_000);
            }
        });
        long limit = 2L * SqliteConnections.RESTART_AFTER_PAGES * 4096;
        Path wal = dir.resolve(SqliteStorage.FILE + "-wal");
        try {
            for (int round = 0; round < 4; round++) {
                allowed.release(150); // ~20 MB of WAL: more than the restart point
                written.acquire(150);
                allowed.release(20); // appended while the checkpoint copies
                ((SqliteStorage) storage).checkpoint();
                allowed.release(2); // the next commits start the WAL over and trim it
                written.acquire(22);
                org.junit.jupiter.api.Assertions.assertNull(failed.get());
                long size = java.nio.file.Files.size(wal);
                org.junit.jupiter.api.Assertions.assertTrue(size <= limit,
                        "round " + round + ": WAL of " + size + " bytes, limit " + limit);
            }
        } finally {
            writer.interrupt();
            writer.join();
        }
        org.junit.jupiter.api.Assertions.assertNull(failed.get());
        long records = storage.stats("w").orElseThrow().records();
        org.junit.jupiter.api.Assertions.assertEquals(4 * 172_000L, records);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(records),
                storage.read("w", records, 10).stream().map(LogRecord::position).toList(), "every record kept, in order");
    }
}
