package dev.sluice.log;

import dev.sluice.log.contract.LogStorageContractTest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.log.spi.LogStorage;
import dev.sluice.time.Clock;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Group commit, made deterministic by holding the first commit until others have queued. */
class GroupCommitTest {

    final CountDownLatch firstCommitEntered = new CountDownLatch(1);
    final CountDownLatch releaseFirstCommit = new CountDownLatch(1);

    /** Storage in memory whose first append waits for {@link #releaseFirstCommit}. */
    LogStorage slowFirstCommit() {
        MemoryStorage memory = new MemoryStorage(Clock.system());
        boolean[] first = {true};
        return (LogStorage) Proxy.newProxyInstance(LogStorage.class.getClassLoader(),
                new Class<?>[] {LogStorage.class}, (proxy, method, args) -> {
                    if (method.getName().equals("append") && first[0]) {
                        first[0] = false;
                        firstCommitEntered.countDown();
                        releaseFirstCommit.await(); // the disk is slow: others queue meanwhile
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void appendsQueuedDuringACommit_goIntoTheNextCommitTogether() throws Exception {
        try (StreamLog log = StreamLog.on(slowFirstCommit(), StreamLog.Options.defaults())) {
            DefaultLogStream stream = (DefaultLogStream) log.stream("s");
            List<Long> positions = Collections.synchronizedList(new ArrayList<>());
            CompletableFuture<Void> firstAppend = CompletableFuture.runAsync(() -> positions.add(stream.append("first")),
                    r -> Thread.ofPlatform().start(r));
            firstCommitEntered.await();
            List<CompletableFuture<Void>> others = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String text = "r" + i;
                others.add(CompletableFuture.runAsync(() -> positions.add(stream.append(text)),
                        r -> Thread.ofPlatform().start(r)));
            }
            while (stream.queuedCount() < 10) {
                Thread.onSpinWait(); // until all ten wait behind the first commit
            }
            releaseFirstCommit.countDown();
            firstAppend.get();
            for (CompletableFuture<Void> f : others) {
                f.get();
            }
            assertEquals(2, stream.commits.get(), "one commit for the first, one for the ten queued behind it");
            Collections.sort(positions);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), positions);
        }
    }

    @Test
    void appendAsync_keepsManyInFlightFromOneThread_inOrder() throws Exception {
        try (StreamLog log = StreamLog.on(slowFirstCommit(), StreamLog.Options.defaults())) {
            DefaultLogStream stream = (DefaultLogStream) log.stream("s");
            List<CompletableFuture<Long>> futures = new ArrayList<>();
            futures.add(stream.appendAsync(LogEntry.of("first")));
            firstCommitEntered.await();
            for (int i = 0; i < 100; i++) {
                futures.add(stream.appendAsync(LogEntry.of("r" + i))); // returns at once: the first commit still waits
            }
            assertEquals(100, stream.queuedCount());
            releaseFirstCommit.countDown();
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(i + 1, futures.get(i).get());
            }
            assertEquals(2, stream.commits.get(), "the hundred queued behind the first commit share one");
            assertEquals("r99", stream.read(101, 1).get(0).text());
        }
    }

    @Test
    void appendAsync_afterClose_isRefused() {
        StreamLog log = StreamLog.on(new MemoryStorage(Clock.system()), StreamLog.Options.defaults());
        LogStream stream = log.stream("s");
        assertEquals(1, stream.appendAsync(LogEntry.of("x")).join());
        log.close();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> stream.appendAsync(LogEntry.of("y")));
        assertEquals("the stream log is closed", e.getMessage());
    }

    @Test
    void asynchronousAppendsLingerForCompany_andAnAppendThatWaitsEndsTheLinger() throws Exception {
        StreamLog.Options options = StreamLog.Options.defaults().withLinger(java.time.Duration.ofHours(1));
        try (StreamLog log = StreamLog.on(new MemoryStorage(Clock.system()), options)) {
            DefaultLogStream stream = (DefaultLogStream) log.stream("s");
            List<CompletableFuture<Long>> async = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                async.add(stream.appendAsync(LogStorageContractTest.entry("a" + i)));
            }
            long waited = stream.append("w"); // held for an hour if the linger applied to it
            assertEquals(4, waited);
            assertEquals(List.of(1L, 2L, 3L), async.stream().map(CompletableFuture::join).toList());
            assertEquals(1, stream.commits.get(), "all four in one commit");
        }
    }

    @Test
    void closingTheLog_commitsALingeringBatch(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        StreamLog.Options options = StreamLog.Options.defaults().withLinger(java.time.Duration.ofHours(1));
        CompletableFuture<Long> pending;
        try (StreamLog log = StreamLog.open(dir, options)) {
            pending = log.stream("s").appendAsync(LogStorageContractTest.entry("late"));
        }
        assertEquals(1L, pending.join());
        try (StreamLog log = StreamLog.open(dir)) {
            assertEquals(List.of("late"), LogStorageContractTest.texts(log.stream("s").read(1, 10)));
        }
    }

    @Test
    void aNegativeLinger_isRejected() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> StreamLog.Options.defaults().withLinger(java.time.Duration.ofMillis(-1)));
    }
}
