package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operator through the same scenarios: normal input, empty input, an error from its own
 * function, an error upstream, completion, and cancellation. Inputs are 1..5 emitted on a
 * synchronous source of a pipeline on a virtual clock; after emitting, the clock moves one
 * minute so that timed operators fire, then the source completes.
 */
class OperatorContractTest {

    /**
     * @param name operator under test
     * @param op builds the operator below the source
     * @param expected the output for inputs 1..5
     * @param expectedEmpty the output for no input
     * @param failing the operator with a function that throws on item 3, or null if it takes none
     */
    record Case(String name, Function<Pipe<Integer>, Pipe<?>> op, Predicate<List<Object>> expected,
            List<Object> expectedEmpty, Function<Pipe<Integer>, Pipe<?>> failing, String describeExpected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case exact(String name, Function<Pipe<Integer>, Pipe<?>> op, List<?> expected,
            Function<Pipe<Integer>, Pipe<?>> failing) {
        return new Case(name, op, List.copyOf(expected)::equals, List.of(), failing, expected.toString());
    }

    static int boom(int x) {
        if (x == 3) {
            throw new IllegalArgumentException("bad item " + x);
        }
        return x;
    }

    static Stream<Case> operators() {
        return Stream.of(
                exact("map", p -> p.map(x -> x * 2), List.of(2, 4, 6, 8, 10), p -> p.map(x -> boom(x) * 2)),
                exact("filter", p -> p.filter(x -> x % 2 == 0), List.of(2, 4), p -> p.filter(x -> boom(x) % 2 == 0)),
                exact("filterNot", p -> p.filterNot(x -> x % 2 == 0), List.of(1, 3, 5),
                        p -> p.filterNot(x -> boom(x) % 2 == 0)),
                exact("flatMap", p -> p.flatMap(x -> List.of(x, -x)), List.of(1, -1, 2, -2, 3, -3, 4, -4, 5, -5),
                        p -> p.flatMap(x -> List.of(boom(x)))),
                exact("flatten", p -> p.map(x -> List.of(x, x)).flatten(), List.of(1, 1, 2, 2, 3, 3, 4, 4, 5, 5),
                        p -> p.<Object>map(x -> x == 3 ? "not a list" : List.of(x)).flatten()),
                exact("pluck", p -> p.map(x -> Map.of("v", x)).pluck("v"), List.of(1, 2, 3, 4, 5),
                        p -> p.map(x -> x == 3 ? Map.of("w", x) : Map.of("v", x)).pluck("v")),
                exact("pluckIndex", p -> p.map(x -> List.of(x, x * 10)).pluck(1), List.of(10, 20, 30, 40, 50),
                        p -> p.map(x -> x == 3 ? List.of(x) : List.of(x, x)).pluck(1)),
                exact("scan", p -> p.scan(Integer::sum), List.of(1, 3, 6, 10, 15),
                        p -> p.scan((a, b) -> a + boom(b))),
                exact("scanWithStart", p -> p.scan(100, (s, x) -> s + x), List.of(101, 103, 106, 110, 115),
                        p -> p.scan(100, (s, x) -> s + boom(x))),
                exact("accumulate", p -> p.accumulate(0, (s, x) -> Pair.of(s + x, s + x > 5 ? "sum" + (s + x) : null)),
                        List.of("sum6", "sum10", "sum15"),
                        p -> p.accumulate(0, (s, x) -> Pair.of(s + boom(x), "x"))),
                exact("frequencies", p -> p.map(x -> x % 2).frequencies(),
                        List.of(Map.of(1, 1L), Map.of(1, 1L, 0, 1L), Map.of(1, 2L, 0, 1L), Map.of(1, 2L, 0, 2L),
                                Map.of(1, 3L, 0, 2L)),
                        null),
                exact("unique", p -> p.map(x -> x % 3).unique(), List.of(1, 2, 0), null),
                exact("uniqueLru", p -> p.map(x -> x % 2).unique(1), List.of(1, 0, 1, 0, 1), null),
                exact("uniqueByKey", p -> p.unique(10, x -> x % 2), List.of(1, 2), p -> p.unique(10, x -> boom(x) % 2)),
                exact("batch", p -> p.batch(2), List.of(List.of(1, 2), List.of(3, 4), List.of(5)), null),
                exact("batchTimeout", p -> p.batch(2, Duration.ofSeconds(5)),
                        List.of(List.of(1, 2), List.of(3, 4), List.of(5)), null),
                exact("batchByKey", p -> p.batch(2, null, x -> x % 2),
                        List.of(List.of(1, 3), List.of(2, 4), List.of(5)), p -> p.batch(2, null, x -> boom(x) % 2)),
                exact("slidingWindow", p -> p.slidingWindow(2),
                        List.of(List.of(1), List.of(1, 2), List.of(2, 3), List.of(3, 4), List.of(4, 5)), null),
                exact("slidingWindowFull", p -> p.slidingWindow(3, false),
                        List.of(List.of(1, 2, 3), List.of(2, 3, 4), List.of(3, 4, 5)), null),
                new Case("timedWindow", p -> p.timedWindow(Duration.ofSeconds(10)),
                        List.<Object>of(List.of(1, 2, 3, 4, 5), List.of(), List.of(), List.of(), List.of(), List.of())::equals,
                        List.of(List.of(), List.of(), List.of(), List.of(), List.of(), List.of()), null,
                        "[[1..5], 5 x []]"),
                exact("tumblingWindow", p -> p.keyBy(x -> x % 2).window(WindowSpec.tumbling(Duration.ofSeconds(10)))
                                .aggregate(Aggregators.count()).map(r -> r.key() + "=" + r.value()),
                        List.of("1=3", "0=2"),
                        p -> p.keyBy(x -> boom(x) % 2).window(WindowSpec.tumbling(Duration.ofSeconds(10)))
                                .aggregate(Aggregators.count())),
                exact("tumblingWindowSum", p -> p.keyBy(x -> x % 2).window(WindowSpec.tumbling(Duration.ofSeconds(10)))
                                .aggregate(Aggregators.summingLong(x -> x)).map(r -> r.key() + "=" + r.value()),
                        List.of("1=9", "0=6"),
                        p -> p.keyBy(x -> x % 2).window(WindowSpec.tumbling(Duration.ofSeconds(10)))
                                .aggregate(Aggregators.summingLong(x -> boom(x)))),
                exact("collect", p -> p.collect(), List.of(List.of(1, 2, 3, 4, 5)), null),
                exact("rateLimit", p -> p.rateLimit(Duration.ofSeconds(1)), List.of(1, 2, 3, 4, 5), null),
                exact("delay", p -> p.delay(Duration.ofSeconds(1)), List.of(1, 2, 3, 4, 5), null),
                exact("buffer", p -> p.buffer(2), List.of(1, 2, 3, 4, 5), null),
                new Case("latest", Pipe::latest, OperatorContractTest::conflated, List.of(), null,
                        "an increasing subsequence of 1..5 ending in 5"),
                exact("union", p -> p.union(p.map(x -> x * 10)), List.of(10, 1, 20, 2, 30, 3, 40, 4, 50, 5), null),
                exact("zip", p -> p.zip(p.map(x -> x * 10)),
                        List.of(Pair.of(1, 10), Pair.of(2, 20), Pair.of(3, 30), Pair.of(4, 40), Pair.of(5, 50)), null),
                exact("combineLatest", p -> p.combineLatest(p.map(x -> x * 10)),
                        List.of(Pair.of(1, 10), Pair.of(1, 20), Pair.of(2, 20), Pair.of(2, 30), Pair.of(3, 30),
                                Pair.of(3, 40), Pair.of(4, 40), Pair.of(4, 50), Pair.of(5, 50)), null),
                exact("withLatestFrom", p -> p.withLatestFrom(p.map(x -> x * 10)),
                        List.of(Pair.of(1, 10), Pair.of(2, 20), Pair.of(3, 30), Pair.of(4, 40), Pair.of(5, 50)), null),
                exact("process", p -> p.process((Integer x, Emitter<Integer> out) -> {
                    if (x % 2 == 1) {
                        out.emit(x);
                        out.emit(x * 100);
                    }
                }), List.of(1, 100, 3, 300, 5, 500), p -> p.process((Integer x, Emitter<Integer> out) -> out.emit(boom(x)))),
                exact("node", p -> p.to(p.pipeline().node("twice", (Integer x, Emitter<Integer> out) -> out.emit(x * 2))),
                        List.of(2, 4, 6, 8, 10),
                        p -> p.to(p.pipeline().node("twice", (Integer x, Emitter<Integer> out) -> out.emit(boom(x))))));
    }

    static boolean conflated(List<Object> out) {
        if (out.isEmpty() || !out.get(out.size() - 1).equals(5)) {
            return false;
        }
        for (int i = 1; i < out.size(); i++) {
            if ((Integer) out.get(i) <= (Integer) out.get(i - 1)) {
                return false;
            }
        }
        return true;
    }

    /** A pipeline, its source and what reaches the sink. */
    static final class Harness {
        final VirtualClock clock = new VirtualClock();
        final Pipeline pipeline = Sluice.pipeline().clock(clock).build();
        final Source<Integer> source = pipeline.source("in");
        final List<Object> out = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger completions = new AtomicInteger();
        final AtomicReference<Throwable> error = new AtomicReference<>();

        Harness attach(Function<Pipe<Integer>, Pipe<?>> op, Function<Pipe<Integer>, Pipe<Integer>> before) {
            Pipe<?> output = op.apply(before.apply(source));
            output.sink(out::add).named("probe").onComplete(completions::incrementAndGet).onError(error::set);
            pipeline.start(); // timed operators tick from the start
            return this;
        }

        void emitAll() {
            for (int i = 1; i <= 5; i++) {
                source.emit(i);
            }
        }

        void finish() throws InterruptedException {
            clock.advance(Duration.ofMinutes(1));
            source.complete();
            pipeline.await();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void normal_emitsExpectedAndCompletes(Case c) throws Exception {
        Harness h = new Harness().attach(c.op(), p -> p);
        h.emitAll();
        h.finish();
        assertTrue(c.expected().test(List.copyOf(h.out)), "expected " + c.describeExpected() + " got " + h.out);
        assertEquals(1, h.completions.get(), "sink completed once");
        assertEquals(PipelineState.COMPLETED, h.pipeline.state());
        assertTrue(h.pipeline.snapshot().nodes().stream().allMatch(NodeSnapshot::done), h.pipeline.snapshot()::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void empty_completesWithoutItems(Case c) throws Exception {
        Harness h = new Harness().attach(c.op(), p -> p);
        h.finish();
        assertEquals(c.expectedEmpty(), List.copyOf(h.out));
        assertEquals(1, h.completions.get());
        assertEquals(PipelineState.COMPLETED, h.pipeline.state());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void userFunctionError_failsPipelineWithNodeAndItem(Case c) throws Exception {
        if (c.failing() == null) {
            // this operator takes no user function: nothing of its own can throw
            assertTrue(c.name().matches("frequencies|unique|uniqueLru|batch|batchTimeout|slidingWindow"
                    + "|slidingWindowFull|timedWindow|collect|rateLimit|delay|buffer|latest|union|zip|combineLatest"
                    + "|withLatestFrom"), c.name() + " should have a failing variant");
            return;
        }
        Harness h = new Harness().attach(c.failing(), p -> p);
        RuntimeException thrown = null;
        try {
            h.emitAll();
        } catch (PipelineException e) {
            thrown = e;
        }
        PipelineException failure = assertThrows(PipelineException.class, h.pipeline::await);
        if (thrown != null) {
            assertSame(failure, thrown, "the emitter and await see the same failure");
        }
        Object item = failure.item();
        assertTrue(item.equals(3) || item.equals("not a list") || item.equals(Map.of("w", 3)) || item.equals(List.of(3)),
                "failed item: " + item);
        assertNotNull(h.pipeline.snapshot().node(failure.node()));
        assertTrue(failure.getMessage().contains(failure.node()), failure.getMessage());
        assertEquals(PipelineState.FAILED, h.pipeline.state());
        assertSame(failure, h.error.get(), "the sink heard of the failure");
        assertEquals(0, h.completions.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void upstreamError_propagatesToSinkAndStopsOutput(Case c) throws Exception {
        Harness h = new Harness().attach(c.op(), p -> p.map(OperatorContractTest::boom).named("upstream"));
        PipelineException thrown = null;
        try {
            h.emitAll();
        } catch (PipelineException e) {
            thrown = e;
        }
        assertNotNull(thrown, "emit(3) fails synchronously in the upstream map");
        assertEquals("upstream", thrown.node());
        assertEquals(3, thrown.item());
        assertThrows(PipelineException.class, h.pipeline::await);
        assertSame(thrown, h.error.get());
        int before = h.out.size();
        assertThrows(RuntimeException.class, () -> h.source.emit(4));
        h.clock.advance(Duration.ofMinutes(1));
        assertEquals(before, h.out.size(), "no output after the failure");
        assertEquals(0, h.completions.get());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operators")
    void cancellation_refusesInputAndStopsOutput(Case c) throws Exception {
        Harness h = new Harness().attach(c.op(), p -> p);
        h.source.emit(1);
        h.source.emit(2);
        h.pipeline.cancel();
        h.pipeline.await();
        assertEquals(PipelineState.CANCELLED, h.pipeline.state());
        int before = h.out.size();
        assertInstanceOf(IllegalStateException.class, assertThrows(RuntimeException.class, () -> h.source.emit(3)));
        assertEquals(EmitResult.CLOSED, h.source.tryEmit(4));
        h.clock.advance(Duration.ofMinutes(1));
        assertEquals(before, h.out.size(), "no output after cancellation");
        assertEquals(0, h.completions.get(), "a cancelled stream does not complete");
    }
}
