package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The four error policies, and that every dropped item is counted. */
class ErrorPolicyTest {

    @Test
    void fail_isTheDefault_andNamesNodeAndItem() {
        Source<String> source = Sluice.source();
        source.map(Integer::parseInt).named("parse").sink(x -> {});
        source.emit("1");
        PipelineException e = assertThrows(PipelineException.class, () -> source.emit("x"));
        assertEquals("parse", e.node());
        assertEquals("x", e.item());
        assertEquals("node 'parse' failed on item x: For input string: \"x\"", e.getMessage(), "no Java class name");
    }

    @Test
    void skip_dropsAndCounts() throws Exception {
        Source<String> source = Sluice.source();
        List<Integer> out = new ArrayList<>();
        source.map(Integer::parseInt).named("parse").errorPolicy(ErrorPolicy.skip()).sink(out::add);
        source.emitAll(List.of("1", "x", "3", "y"));
        source.complete();
        source.pipeline().await();
        assertEquals(List.of(1, 3), out);
        NodeSnapshot parse = source.pipeline().snapshot().node("parse");
        assertEquals(2, parse.skipped());
        assertEquals(2, parse.errors());
        assertEquals(4, parse.in());
        assertEquals(2, parse.out());
    }

    @Test
    void deadLetter_receivesItemAndReason() throws Exception {
        Source<String> source = Sluice.source();
        List<DeadLetter> dlq = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        source.map(Integer::parseInt).named("parse").errorPolicy(ErrorPolicy.deadLetter(dlq::add)).sink(out::add);
        source.emitAll(List.of("1", "two", "3"));
        source.complete();
        assertEquals(List.of(1, 3), out);
        assertEquals(1, dlq.size());
        DeadLetter letter = dlq.get(0);
        assertEquals("parse", letter.node());
        assertEquals("two", letter.item());
        assertTrue(letter.error() instanceof NumberFormatException);
        assertEquals(1, letter.attempts());
        assertTrue(letter.describe().contains("node 'parse' gave up on two"), letter.describe());
        assertEquals(1, source.pipeline().snapshot().node("parse").deadLettered());
    }

    @Test
    void retry_succeedsWithinAttempts_waitingTheBackoffOnTheClock() throws Exception {
        VirtualClock clock = new VirtualClock();
        Pipeline p = Sluice.pipeline().clock(clock).build();
        Source<String> source = p.source("in");
        AtomicInteger calls = new AtomicInteger();
        List<String> out = new ArrayList<>();
        source.map(x -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("flaky");
            }
            return x.toUpperCase();
        }).named("flaky").errorPolicy(ErrorPolicy.retry(5, Duration.ofMillis(100), Duration.ofSeconds(1),
                ErrorPolicy.fail())).sink(out::add);
        long before = clock.nanoTime();
        source.emit("a");
        assertEquals(List.of("A"), out);
        assertEquals(Duration.ofMillis(300).toNanos(), clock.nanoTime() - before, "100 ms, then 200 ms");
        NodeSnapshot n = p.snapshot().node("flaky");
        assertEquals(2, n.retried());
        assertEquals(2, n.errors());
        source.complete();
        p.await();
    }

    @Test
    void retry_exhausted_fallsBackToItsPolicy_withBoundedBackoff() {
        VirtualClock clock = new VirtualClock();
        Pipeline p = Sluice.pipeline().clock(clock).build();
        Source<String> source = p.source("in");
        List<DeadLetter> dlq = new ArrayList<>();
        source.map(x -> {
            throw new IllegalStateException("always");
        }).named("broken").errorPolicy(ErrorPolicy.retry(4, Duration.ofMillis(100), Duration.ofMillis(150),
                ErrorPolicy.deadLetter(dlq::add))).sink(x -> {});
        long before = clock.nanoTime();
        source.emit("a");
        assertEquals(Duration.ofMillis(100 + 150 + 150).toNanos(), clock.nanoTime() - before);
        assertEquals(1, dlq.size());
        assertEquals(4, dlq.get(0).attempts());
        assertEquals(3, p.snapshot().node("broken").retried());
        p.close();
    }

    @Test
    void sinkErrors_followTheSinkPolicy() throws Exception {
        Source<Integer> source = Sluice.source();
        List<Integer> written = new ArrayList<>();
        source.sink(x -> {
            if (x == 2) {
                throw new IllegalStateException("disk full");
            }
            written.add(x);
        }).named("writer").errorPolicy(ErrorPolicy.skip());
        source.emitAll(List.of(1, 2, 3));
        source.complete();
        source.pipeline().await();
        assertEquals(List.of(1, 3), written);
        assertEquals(1, source.pipeline().snapshot().node("writer").skipped());
    }

    @Test
    void retryPolicy_rejectsNonsense() {
        assertThrows(IllegalArgumentException.class,
                () -> ErrorPolicy.retry(0, Duration.ZERO, Duration.ZERO, ErrorPolicy.fail()));
        assertThrows(IllegalArgumentException.class,
                () -> ErrorPolicy.retry(2, Duration.ofSeconds(2), Duration.ofSeconds(1), ErrorPolicy.fail()));
        assertThrows(IllegalArgumentException.class, () -> ErrorPolicy.retry(2, Duration.ZERO, Duration.ZERO,
                ErrorPolicy.retry(2, Duration.ZERO, Duration.ZERO, ErrorPolicy.fail())));
    }

    /** A processor that answers items later (held until a flush) rejects the one that failed, not the one at hand. */
    private static Processor<String, Integer> holdingUntilFlush() {
        return new Processor<>() {
            private final List<String> held = new ArrayList<>();
            private NodeContext context;

            @Override
            public void onStart(NodeContext context) {
                this.context = context;
            }

            @Override
            public void process(String item, Emitter<Integer> out) {
                held.add(item);
            }

            @Override
            public void flush(Emitter<Integer> out) {
                for (String item : held) {
                    try {
                        out.emit(Integer.parseInt(item));
                    } catch (NumberFormatException e) {
                        context.reject(item, e);
                    }
                }
                held.clear();
            }

            @Override
            public void onComplete(Emitter<Integer> out) {
                flush(out);
            }
        };
    }

    @Test
    void reject_appliesThePolicyToTheItemThatFailed_afterProcessReturned() throws Exception {
        List<DeadLetter> dead = new ArrayList<>();
        List<Integer> out = new ArrayList<>();
        Pipeline p = Sluice.pipeline().build();
        p.fromIterable("in", List.of("1", "x", "3"))
                .process(holdingUntilFlush()).named("late").errorPolicy(ErrorPolicy.deadLetter(dead::add)).sink(out::add);
        p.start();
        p.await();
        assertEquals(List.of(1, 3), out);
        assertEquals(List.of("x"), dead.stream().map(DeadLetter::item).toList());
        assertEquals("For input string: \"x\"", dead.get(0).reason());
        assertEquals(1, p.snapshot().node("late").deadLettered());

        Pipeline failing = Sluice.pipeline().build();
        failing.fromIterable("in", List.of("1", "y")).process(holdingUntilFlush()).named("late").sink(x -> {});
        failing.start();
        PipelineException e = assertThrows(PipelineException.class, failing::await);
        assertEquals("y", e.item(), "the pipeline fails naming the rejected item");
        assertEquals("late", e.node());
    }
}
