package dev.sluice.log;

import dev.sluice.log.contract.LogStorageContractTest;

import dev.sluice.log.spi.LogStorage;
import dev.sluice.time.Clock;

class MemoryStorageTest extends LogStorageContractTest {
    @Override
    protected LogStorage open() {
        return new MemoryStorage(Clock.system());
    }
}
