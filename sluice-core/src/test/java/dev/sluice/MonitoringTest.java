package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.time.VirtualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Counters, logjam and stuck detection, the status table, DOT and Mermaid. */
class MonitoringTest {

    @Test
    void logjam_flagsTheNodeWhoseQueueStaysFullWhileItsOutputsAreNot() throws Exception {
        VirtualClock clock = new VirtualClock();
        Pipeline p = Sluice.pipeline().clock(clock).logjamAfter(Duration.ofSeconds(5)).build();
        Source<Integer> source = p.source("in");
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inSink = new CountDownLatch(1);
        source.map(x -> x).named("fast").buffer(2).named("slow").sink(x -> {
            inSink.countDown();
            ThreadedPipelineTest.await(release);
        });
        Thread producer = Thread.ofPlatform().start(() -> {
            for (int i = 0; i < 5; i++) {
                source.emit(i); // 0 in the sink, 1 and 2 queued, 3 waits
            }
        });
        inSink.await();
        BoundedQueue queue = find(p, "slow").queue();
        while (queue.size() < 2 || queue.fullForNanos() < 0) {
            Thread.onSpinWait(); // until the queue is full and the producer waits on it: stable from then on
        }
        assertFalse(p.snapshot().node("slow").logjam(), "full for no time yet");
        clock.advance(Duration.ofSeconds(6));
        PipelineSnapshot snap = p.snapshot();
        assertTrue(snap.node("slow").logjam(), snap::toString);
        assertTrue(snap.node("slow").stuck(), "no batch finished for 6 s with items waiting");
        assertEquals(List.of("slow"), snap.logjams().stream().map(NodeSnapshot::name).toList());
        assertEquals(2, snap.node("slow").queueDepth());
        assertEquals(2, snap.node("slow").queueCapacity());
        release.countDown();
        producer.join();
        source.complete();
        p.await();
        assertFalse(p.snapshot().node("slow").logjam());
        assertEquals(5, p.snapshot().node("slow").out());
    }

    /**
     * Map, filter, scan and sink do not count each item: they derive their counts from the stage
     * above them (see Stage.received). These are the cases where a derivation could go wrong.
     */
    @Test
    void counts_ofTheHotOperators_addUpThroughFanOutDropsAndDeadLetters() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Integer> source = p.source("in");
        List<DeadLetter> letters = new java.util.ArrayList<>();
        Pipe<Integer> parsed = source.map(x -> {
            if (x == 3) {
                throw new IllegalArgumentException("three");
            }
            return x;
        }).named("m").errorPolicy(ErrorPolicy.skip());
        parsed.filter(x -> x % 2 == 0).named("even").scan(Integer::sum).named("sum").sink(x -> {}).named("s1");
        parsed.accumulate(0, (Integer state, Integer x) -> Pair.of(state + x, x % 3 == 0 ? x : null)).named("acc")
                .sink(x -> {
                    if (x == 9) {
                        throw new IllegalStateException("nine");
                    }
                }).named("s2").errorPolicy(ErrorPolicy.deadLetter(letters::add));
        for (int i = 1; i <= 10; i++) {
            source.emit(i);
        }
        source.complete();
        p.await();

        PipelineSnapshot snap = p.snapshot();
        assertCounts(snap, "in", 10, 10);
        assertCounts(snap, "m", 10, 9); // 3 skipped
        assertEquals(1, snap.node("m").skipped());
        assertCounts(snap, "even", 9, 5); // each branch of a fan-out gets every item
        assertCounts(snap, "sum", 5, 5);
        assertCounts(snap, "s1", 5, 0);
        assertCounts(snap, "acc", 9, 2); // only 6 and 9 have an output
        assertCounts(snap, "s2", 2, 0);
        assertEquals(1, snap.node("s2").deadLettered());
        assertEquals(1, letters.size());
    }

    @Test
    void counts_stopAtTheItemANodeFailedOn() throws Exception {
        Source<Integer> source = Sluice.source();
        source.map(x -> 10 / (x - 4)).named("divide").filter(x -> true).named("all").sink(x -> {}).named("s");
        for (int i = 1; i <= 3; i++) {
            source.emit(i);
        }
        org.junit.jupiter.api.Assertions.assertThrows(PipelineException.class, () -> source.emit(4));
        PipelineSnapshot snap = source.pipeline().snapshot();
        assertCounts(snap, "divide", 4, 3);
        assertEquals(1, snap.node("divide").errors());
        assertCounts(snap, "all", 3, 3);
        assertCounts(snap, "s", 3, 0);
    }

    @Test
    void counts_belowAGeneratorAndAQueue_matchWhatWentThrough() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        p.fromIterable("numbers", List.of(1, 2, 3, 4, 5)).named("numbers").map(x -> x * 2).named("double")
                .buffer(4).named("queue").filter(x -> x > 4).named("big").sink(x -> {}).named("s");
        p.start();
        p.await();
        PipelineSnapshot snap = p.snapshot();
        assertCounts(snap, "numbers", 5, 5);
        assertCounts(snap, "double", 5, 5);
        assertCounts(snap, "queue", 5, 5);
        assertCounts(snap, "big", 5, 3);
        assertCounts(snap, "s", 3, 0);
    }

    /**
     * A stop interrupts a generator waiting to put an item into a full queue: the item is dropped
     * (the queue refuses it). It must count as never emitted by the generator, and so by the map
     * and filter whose counts derive from it, or a drained stop would show an item lost.
     */
    @Test
    void counts_ofAStoppedPipeline_showEveryItemOutOfANodeGoingIntoTheNext() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Pipeline p = Sluice.pipeline().name("counted").build();
        Node<Integer, Integer> slow = ThreadedPipelineTest.holdingNode(p, "slow", holding, release, seen);
        p.generate("endless", (NodeContext context, Emitter<Integer> out) -> {
            for (int i = 0; ; i++) {
                out.emit(i);
            }
        }).map(x -> x + 1).named("m").filter(x -> true).named("f").to(slow);
        p.start();
        holding.await();
        ThreadedPipelineTest.parkedOnFullQueue("sluice-counted-endless", slow); // waits with an item the stop will drop
        p.stop();
        release.countDown();
        assertTrue(p.await(Duration.ofSeconds(30)), "the pipeline completed");

        PipelineSnapshot snap = p.snapshot();
        NodeSnapshot endless = snap.node("endless");
        assertEquals(endless.in() - 1, endless.out(), "the item the stop interrupted was not emitted");
        assertCounts(snap, "m", endless.out(), endless.out());
        assertCounts(snap, "f", endless.out(), endless.out());
        assertEquals(endless.out(), snap.node("slow").in(), snap::toString);
        assertEquals(seen.size(), snap.node("slow").in());
    }

    private static void assertCounts(PipelineSnapshot snap, String node, long in, long out) {
        NodeSnapshot n = snap.node(node);
        assertEquals(List.of(in, out), List.of(n.in(), n.out()), node + " in/out");
    }

    static Stage<?, ?> find(Pipeline p, String name) {
        return ((PipelineImpl) p).stages().stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
    }

    @Test
    void snapshot_describesTheDag() throws Exception {
        Pipeline p = Sluice.pipeline().name("etl").build();
        Source<String> lines = p.source("lines");
        Pipe<Integer> lengths = lines.map(String::length).named("length");
        lengths.filter(n -> n > 3).named("long").sink(x -> {}).named("print");
        lengths.buffer(16).named("queue").sink(x -> {}).named("store");
        lines.emitAll(List.of("a", "abcd", "abcdef"));
        lines.complete();
        p.await();

        PipelineSnapshot snap = p.snapshot();
        assertEquals(PipelineState.COMPLETED, snap.state());
        assertEquals(List.of("lines", "length", "long", "print", "queue", "store"),
                snap.nodes().stream().map(NodeSnapshot::name).toList());
        NodeSnapshot length = snap.node("length");
        assertEquals(List.of("map", List.of("lines"), 3L, 3L, true),
                List.of(length.kind(), length.inputs(), length.in(), length.out(), length.done()));
        NodeSnapshot keep = snap.node("long");
        assertEquals(List.of("filter", List.of("length"), 3L, 2L), List.of(keep.kind(), keep.inputs(), keep.in(), keep.out()));
        NodeSnapshot queue = snap.node("queue");
        assertEquals(List.of("buffer", List.of("length"), 16, 0), List.of(queue.kind(), queue.inputs(),
                queue.queueCapacity(), queue.queueDepth()));
        assertEquals(List.of("queue"), snap.node("store").inputs());
    }

    @Test
    void busyTime_isMeasuredOnThreadedNodes() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        p.fromIterable("numbers", List.of(1, 2, 3)).named("numbers").buffer(4).named("worker").sink(x -> {});
        p.start();
        p.await();
        NodeSnapshot worker = p.snapshot().node("worker");
        assertTrue(worker.busyNanos() > 0);
        // a generator times one emit in many and scales their mean to all: with 3 emits, the first
        assertTrue(p.snapshot().node("numbers").busyNanos() > 0);
        assertEquals(3, worker.in());
        assertEquals(List.of("numbers"), worker.inputs());
    }

    @Test
    void names_mustBeUnique() {
        Pipeline p = Sluice.pipeline().build();
        Source<Integer> s = p.source("in");
        s.map(x -> x).named("m");
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> s.map(x -> x).named("m"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> p.source("in"));
        p.close();
    }
}
