package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeContext#whenProcessed}: the action runs only once every item emitted before the call
 * has left the graph — through queues, out of batches and windows, into every branch's sink — and
 * a generator's onStop waits for it. Every "not yet" below is checked at a point where the marker
 * would already have passed if it could overtake the items in front of it.
 */
class WhenProcessedTest {

    /** Waits on a latch; a test failure rather than a hang if it never opens. */
    static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS), "latch never opened");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theActionWaitsForItemsQueuedInAThreadedNode() throws Exception {
        CountDownLatch sinkMayGo = new CountDownLatch(1);
        CountDownLatch marked = new CountDownLatch(1);
        List<Integer> sunk = new CopyOnWriteArrayList<>();
        AtomicInteger seenByAction = new AtomicInteger(-1);
        Pipeline p = Sluice.pipeline().build();
        p.<Integer>generate("numbers", (ctx, out) -> {
            for (int i = 0; i < 5; i++) {
                out.emit(i);
            }
            ctx.whenProcessed(() -> seenByAction.set(sunk.size()));
            marked.countDown();
        }).to(p.node("slow", (Integer x, Emitter<Integer> out) -> {
            await(sinkMayGo);
            out.emit(x);
        }, 16)).sink(sunk::add);
        p.start();
        await(marked);
        assertEquals(-1, seenByAction.get(), "the items are still queued or blocked in 'slow'");
        sinkMayGo.countDown();
        p.await();
        assertEquals(5, seenByAction.get(), "the action saw every item in the sink");
    }

    @Test
    void aBatchHoldsTheMarkerUntilTheItemsInFrontOfItGoOn() throws Exception {
        CountDownLatch marked = new CountDownLatch(1);
        CountDownLatch goOn = new CountDownLatch(1);
        List<List<Integer>> batches = Collections.synchronizedList(new ArrayList<>());
        List<String> events = new CopyOnWriteArrayList<>();
        Pipeline p = Sluice.pipeline().build();
        p.generate("numbers", new Generator<Integer>() {
            @Override
            public void generate(NodeContext ctx, Emitter<Integer> out) {
                for (int i = 1; i <= 4; i++) {
                    out.emit(i); // 1,2,3 leave as a batch; 4 stays in the partition
                }
                ctx.whenProcessed(() -> events.add("first processed, batches=" + batches.size()));
                marked.countDown();
                await(goOn);
                out.emit(5);
                out.emit(6); // completes the batch holding 4
                ctx.whenProcessed(() -> events.add("second processed, batches=" + batches.size()));
            }

            @Override
            public void onStop() {
                events.add("stop");
            }
        }).batch(3).sink(batches::add);
        p.start();
        await(marked);
        assertEquals(List.of(), events, "4 is still in the partition, so the marker behind it is too");
        goOn.countDown();
        p.await();
        assertEquals(List.of("first processed, batches=2", "second processed, batches=2", "stop"), events);
    }

    @Test
    void aKeyedWindowHoldsTheMarkerUntilEverySessionOpenBeforeItFired() throws Exception {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        CountDownLatch marked = new CountDownLatch(1);
        CountDownLatch later = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        Pipeline p = Sluice.pipeline().clock(clock).build();
        p.<String>generate("users", (ctx, out) -> {
            out.emit("ann");
            out.emit("bob");
            ctx.whenProcessed(() -> events.add("processed"));
            marked.countDown();
            await(later);
            out.emit("cid"); // a session opened after the marker does not hold it
            done.countDown();
            await(checked); // returning completes the pipeline, which fires every window
        }).keyBy(u -> u).window(WindowSpec.session(Duration.ofSeconds(10))).aggregate(Aggregators.count())
                .sink(r -> events.add(r.key() + "=" + r.value()));
        p.start();
        await(marked);
        assertEquals(List.of(), events);
        clock.advance(Duration.ofSeconds(5));
        later.countDown();
        await(done);
        clock.advance(Duration.ofSeconds(5)); // ann's and bob's sessions end; cid's ends at 15 s
        assertEquals(List.of("ann=1", "bob=1", "processed"), events);
        checked.countDown();
        p.await();
        assertEquals(List.of("ann=1", "bob=1", "processed", "cid=1"), events);
    }

    @Test
    void everyBranchMustHaveTheItems() throws Exception {
        CountDownLatch slowMayGo = new CountDownLatch(1);
        CountDownLatch marked = new CountDownLatch(1);
        List<Integer> fast = new CopyOnWriteArrayList<>();
        List<Integer> slow = new CopyOnWriteArrayList<>();
        List<String> events = new CopyOnWriteArrayList<>();
        Pipeline p = Sluice.pipeline().build();
        Pipe<Integer> numbers = p.generate("numbers", (ctx, out) -> {
            for (int i = 0; i < 3; i++) {
                out.emit(i);
            }
            ctx.whenProcessed(() -> events.add("processed fast=" + fast.size() + " slow=" + slow.size()));
            marked.countDown();
        });
        numbers.sink(fast::add);
        numbers.to(p.node("slow", (Integer x, Emitter<Integer> out) -> {
            await(slowMayGo);
            out.emit(x);
        }, 8)).filter(x -> x % 2 == 0).map(x -> x * 10).sink(slow::add);
        p.start();
        await(marked);
        assertEquals(3, fast.size(), "the synchronous branch has them already");
        assertEquals(List.of(), events, "the threaded branch has not");
        slowMayGo.countDown();
        p.await();
        assertEquals(List.of("processed fast=3 slow=2"), events, "a filtered item counts as processed");
    }

    @Test
    void aProcessorSinkIsFlushedBeforeTheMarkerPasses() throws Exception {
        List<String> events = new CopyOnWriteArrayList<>();
        Pipeline p = Sluice.pipeline().build();
        p.<Integer>generate("numbers", (ctx, out) -> {
            out.emit(1);
            out.emit(2);
            ctx.whenProcessed(() -> events.add("processed"));
        }).to(p.node("buffered", new Processor<Integer, Void>() {
            private final List<Integer> held = new ArrayList<>();

            @Override
            public void process(Integer item, Emitter<Void> out) {
                held.add(item);
            }

            @Override
            public void flush(Emitter<Void> out) {
                events.add("flushed " + held);
                held.clear();
            }
        }, 4));
        p.start();
        p.await();
        assertEquals(List.of("flushed [1, 2]", "processed"), events);
    }

    @Test
    void aGeneratorInterruptedByAGracefulStop_stillGetsItsLastMarkerThrough() throws Exception {
        CountDownLatch waiting = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        Pipeline p = Sluice.pipeline().build();
        p.<Integer>generate("numbers", (ctx, out) -> {
            out.emit(1);
            out.emit(2);
            try {
                waiting.countDown();
                new CountDownLatch(1).await(); // like a poll: the stop interrupts it
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // the flag is still set when the source acknowledges
            }
            ctx.whenProcessed(() -> events.add("processed"));
        }).to(p.node("queued", (Integer x, Emitter<Integer> out) -> out.emit(x), 4)).sink(x -> events.add("sunk " + x));
        p.start();
        await(waiting);
        p.stop();
        p.await();
        assertEquals(List.of("sunk 1", "sunk 2", "processed"), events);
    }

    @Test
    void aGracefulStopDoesNotBreakAMarkerWaitingForRoomInAFullQueue() throws Exception {
        CountDownLatch nodeMayGo = new CountDownLatch(1);
        CountDownLatch marking = new CountDownLatch(1);
        AtomicReference<Thread> generator = new AtomicReference<>();
        List<String> events = new CopyOnWriteArrayList<>();
        Pipeline p = Sluice.pipeline().build();
        p.<Integer>generate("numbers", (ctx, out) -> {
            generator.set(Thread.currentThread());
            out.emit(1); // taken by the node, which then waits
            out.emit(2); // fills its queue of one
            marking.countDown();
            ctx.whenProcessed(() -> events.add("processed")); // waits for room
        }).to(p.node("slow", (Integer x, Emitter<Integer> out) -> {
            await(nodeMayGo);
            out.emit(x);
        }, 1)).sink(x -> events.add("sunk " + x));
        p.start();
        await(marking);
        while (generator.get().getState() != Thread.State.WAITING && generator.get().getState() != Thread.State.TIMED_WAITING) {
            Thread.onSpinWait(); // until the hand-over waits for room
        }
        p.stop(); // interrupts a generating generator; this one is handing over a marker
        nodeMayGo.countDown();
        p.await();
        assertEquals(List.of("sunk 1", "sunk 2", "processed"), events);
    }

    @Test
    void aCancelledPipelineNeverRunsTheActionButStillStopsTheGenerator() throws Exception {
        CountDownLatch blocked = new CountDownLatch(1);
        CountDownLatch marked = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        List<String> events = new CopyOnWriteArrayList<>();
        Pipeline p = Sluice.pipeline().build();
        p.generate("numbers", new Generator<Integer>() {
            @Override
            public void generate(NodeContext ctx, Emitter<Integer> out) {
                out.emit(1);
                ctx.whenProcessed(() -> events.add("processed"));
                marked.countDown();
            }

            @Override
            public void onStop() {
                events.add("stop");
                stopped.countDown();
            }
        }).to(p.node("stuck", (Integer x, Emitter<Integer> out) -> {
            blocked.countDown();
            new CountDownLatch(1).await(); // until the cancellation interrupts it
        }, 4));
        p.start();
        await(blocked);
        await(marked);
        assertEquals(List.of(), events, "onStop waits for the marker while the pipeline runs");
        p.cancel();
        p.await();
        await(stopped);
        assertEquals(List.of("stop"), events);
    }
}
