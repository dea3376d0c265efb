package dev.sluice.log;

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

    @Test
    void appendsQueuedDuringACommit_goIntoTheNextCommitTogether() throws Exception {
        CountDownLatch firstCommitEntered = new CountDownLatch(1);
        CountDownLatch releaseFirstCommit = new CountDownLatch(1);
        MemoryStorage memory = new MemoryStorage(Clock.system());
        boolean[] first = {true};
        LogStorage slowFirst = (LogStorage) Proxy.newProxyInstance(LogStorage.class.getClassLoader(),
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
        try (StreamLog log = StreamLog.on(slowFirst, StreamLog.Options.defaults())) {
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
}
