package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * {@link Source#emitAll} on a synchronous source runs its own loop (the graph inlined into it):
 * whatever happens, it must behave as {@code emit} called for each item, in a domain of its own
 * and in one a timer shares.
 */
class EmitAllTest {

    /** A source with a fan-out, a filter and a scan; {@code shared} adds a timer to its domain. */
    private record Graph(Pipeline pipeline, Source<Integer> source, List<Integer> sums, List<Integer> odd) {
        static Graph build(boolean shared, Consumer<Integer> spy) {
            Pipeline p = Sluice.pipeline().clock(new VirtualClock()).build();
            Source<Integer> source = p.source("in");
            List<Integer> sums = new ArrayList<>();
            List<Integer> odd = new ArrayList<>();
            source.map(x -> 10 / x).named("divide").filter(x -> x > 0).named("positive")
                    .scan(Integer::sum).named("sum").sink(x -> {
                        sums.add(x);
                        spy.accept(x);
                    });
            source.filter(x -> x % 2 != 0).named("odd").sink(odd::add);
            if (shared) {
                source.timedWindow(Duration.ofSeconds(1)).sink(w -> {});
            }
            return new Graph(p, source, sums, odd);
        }

        List<Long> counts() {
            PipelineSnapshot s = pipeline.snapshot();
            return List.of("in", "divide", "positive", "sum", "odd").stream()
                    .flatMap(n -> java.util.stream.Stream.of(s.node(n).in(), s.node(n).out())).toList();
        }
    }

    private static final List<Integer> ITEMS = List.of(1, 2, 5, -3, 7, 10, 4);

    @Test
    void itemsCountsAndCompletion_matchEmitPerItem_inAnOwnAndASharedDomain() throws Exception {
        for (boolean shared : new boolean[] {false, true}) {
            Graph one = Graph.build(shared, x -> {});
            ITEMS.forEach(one.source()::emit);
            one.source().complete();
            Graph all = Graph.build(shared, x -> {});
            all.source().emitAll(ITEMS);
            all.source().complete();
            all.pipeline().await();
            assertEquals(one.sums(), all.sums(), "shared " + shared);
            assertEquals(List.of(10, 15, 17, 18, 19, 21), all.sums());
            assertEquals(List.of(1, 5, -3, 7), all.odd());
            assertEquals(one.counts(), all.counts(), "shared " + shared);
            assertEquals(PipelineState.COMPLETED, all.pipeline().state());
        }
    }

    @Test
    void aFailingItem_failsThePipeline_andNothingAfterItGoesIn() {
        for (boolean shared : new boolean[] {false, true}) {
            Graph g = Graph.build(shared, x -> {});
            PipelineException e = assertThrows(PipelineException.class, () -> g.source().emitAll(List.of(1, 2, 0, 5)));
            assertEquals("divide", e.node());
            assertEquals(0, e.item());
            assertEquals(List.of(10, 15), g.sums());
            assertEquals(List.of(1), g.odd(), "the failing item stopped before the second branch");
            assertEquals(PipelineState.FAILED, g.pipeline().state());
            assertSame(e, assertThrows(PipelineException.class, () -> g.source().emitAll(List.of(1))));
        }
    }

    @Test
    void aStopFromInsideTheGraph_refusesTheRest_likeEmit() {
        for (boolean shared : new boolean[] {false, true}) {
            Pipeline[] pipeline = new Pipeline[1];
            Graph g = Graph.build(shared, x -> {
                if (x == 15) {
                    pipeline[0].stop();
                }
            });
            pipeline[0] = g.pipeline();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> g.source().emitAll(ITEMS));
            assertEquals(true, e.getMessage().startsWith("source 'in' is closed"), e.getMessage());
            assertEquals(List.of(10, 15), g.sums());
            assertEquals(List.of(1), g.odd(), "the second branch took only the first item: the stop completed it");
        }
    }

    @Test
    void aNullItem_isRefused_afterTheItemsBeforeIt() {
        Graph g = Graph.build(false, x -> {});
        assertThrows(NullPointerException.class, () -> g.source().emitAll(Arrays.asList(1, 2, null, 5)));
        assertEquals(List.of(10, 15), g.sums());
        assertThrows(NullPointerException.class, () -> g.source().emitAll(null));
    }
}
