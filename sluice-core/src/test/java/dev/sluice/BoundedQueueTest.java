package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.time.Clock;
import dev.sluice.time.VirtualClock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The hand-off queue under one and several producers, and its close and full-time semantics. */
class BoundedQueueTest {

    @Test
    void offer_respectsCapacity_drainEmptiesInOrder() {
        BoundedQueue q = new BoundedQueue(3, false, Clock.system());
        assertTrue(q.offer("a"));
        assertTrue(q.offer("b"));
        assertTrue(q.offer("c"));
        assertFalse(q.offer("d"));
        assertEquals(3, q.size());
        Object[] into = new Object[2];
        assertEquals(2, q.drain(into));
        assertEquals("a", into[0]);
        assertEquals("b", into[1]);
        assertTrue(q.offer("d"));
        assertEquals(2, q.drain(into));
        assertEquals("c", into[0]);
        assertEquals("d", into[1]);
        assertEquals(0, q.drain(into));
    }

    @Test
    void manyProducers_oneConsumer_everyItemOnceInPerProducerOrder() throws Exception {
        BoundedQueue q = new BoundedQueue(16, true, Clock.system());
        int producers = 4;
        int perProducer = 50_000;
        CyclicBarrier go = new CyclicBarrier(producers + 1);
        var futures = IntStream.range(0, producers).mapToObj(p -> CompletableFuture.runAsync(() -> {
            ThreadedPipelineTest.await(go);
            for (int i = 0; i < perProducer; i++) {
                try {
                    q.put(new long[] {p, i});
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
        }, r -> Thread.ofPlatform().start(r))).toList();
        ThreadedPipelineTest.await(go);
        int[] next = new int[producers];
        Object[] batch = new Object[8];
        int received = 0;
        while (received < producers * perProducer) {
            int n = q.take(batch);
            for (int i = 0; i < n; i++) {
                long[] item = (long[]) batch[i];
                assertEquals(next[(int) item[0]]++, item[1], "per-producer order");
            }
            received += n;
        }
        futures.forEach(CompletableFuture::join);
        assertEquals(0, q.size());
    }

    @Test
    void close_wakesAWaitingProducerAndConsumer() throws Exception {
        BoundedQueue q = new BoundedQueue(1, false, Clock.system());
        q.put("x");
        CompletableFuture<Throwable> producer = CompletableFuture.supplyAsync(() -> {
            try {
                q.put("y");
                return null;
            } catch (Throwable t) {
                return t;
            }
        }, r -> Thread.ofPlatform().start(r));
        while (q.fullForNanos() < 0) {
            Thread.onSpinWait(); // the producer found it full
        }
        q.close(Signal.CLOSED);
        assertEquals(Signal.CLOSED, producer.get());
        assertEquals(-1, q.take(new Object[1]), "a closed queue discards what it held");
        assertThrows(Signal.class, () -> q.offer("z"));
    }

    @Test
    void fullSince_measuresOnTheQueueClock_andResetsWhenRoomIsFoundAtOnce() throws Exception {
        VirtualClock clock = new VirtualClock();
        BoundedQueue q = new BoundedQueue(1, false, clock);
        assertEquals(-1, q.fullForNanos());
        q.put("x");
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            try {
                q.put("y");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofPlatform().start(r));
        while (q.fullForNanos() < 0) {
            Thread.onSpinWait();
        }
        clock.advance(Duration.ofSeconds(3));
        assertEquals(Duration.ofSeconds(3).toNanos(), q.fullForNanos());
        Object[] one = new Object[1];
        q.take(one);
        producer.get();
        q.take(one);
        q.put("z"); // room at once
        assertEquals(-1, q.fullForNanos());
    }

    @Test
    void stagedItems_areInvisibleUntilPublished_andPublishThemselvesEvery64() throws Exception {
        BoundedQueue q = new BoundedQueue(1024, false, Clock.system());
        Object[] into = new Object[128];
        q.stage("a");
        q.stage("b");
        assertEquals(0, q.drain(into), "staged, not published");
        q.publish();
        assertEquals(2, q.drain(into));
        assertEquals("a", into[0]);
        for (int i = 0; i < 64; i++) {
            q.stage(i);
        }
        assertEquals(64, q.drain(into), "the 64th staged item published the lot");
        assertEquals(0, into[0]);
        assertEquals(63, into[63]);
    }

    @Test
    void stage_publishesAtOnceForAConsumerThatWaits_onceForEachWait() throws Exception {
        BoundedQueue q = new BoundedQueue(1024, false, Clock.system());
        CompletableFuture<Object> consumer = CompletableFuture.supplyAsync(() -> {
            Object[] one = new Object[1];
            try {
                q.take(one);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return one[0];
        }, r -> Thread.ofPlatform().start(r));
        while (q.waitingConsumer == null) {
            Thread.onSpinWait(); // the consumer announced that it waits
        }
        q.stage("first");
        assertEquals("first", consumer.get(), "published without a batch end");
        q.stage("second"); // the consumer is not waiting now: this one waits for the batch
        assertEquals(0, q.drain(new Object[1]));
        q.publish();
        assertEquals(1, q.drain(new Object[1]));
    }

    @Test
    void stage_intoAFullQueue_publishesWhatItStagedAndWaitsForRoom() throws Exception {
        BoundedQueue q = new BoundedQueue(100, false, Clock.system());
        for (int i = 0; i < 100; i++) {
            q.stage(i); // 64 published by themselves, 36 staged
        }
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            try {
                q.stage(100);
                q.publish();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, r -> Thread.ofPlatform().start(r));
        while (q.fullForNanos() < 0) {
            Thread.onSpinWait(); // the producer found no room
        }
        Object[] into = new Object[101];
        assertEquals(100, q.take(into), "the producer published its staged items before waiting");
        producer.get();
        assertEquals(1, q.take(into));
        assertEquals(100, into[0]);
        assertEquals(-1, q.fullForNanos());
    }
}
