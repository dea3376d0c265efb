package dev.sluice.log;

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
}
