package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keyed tumbling, hopping and session windows, on processing time and on event time. */
class WindowTest {
    record Click(String user, long at) {}

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    static long t(int seconds) {
        return T0.toEpochMilli() + seconds * 1000L;
    }

    static String show(WindowResult<?, ?> r) {
        return r.key() + "[" + (r.start().toEpochMilli() - T0.toEpochMilli()) / 1000 + ","
                + (r.end().toEpochMilli() - T0.toEpochMilli()) / 1000 + ")=" + r.value() + (r.update() ? "*" : "");
    }

    @Test
    void tumbling_processingTime_firesWhenTheClockPassesTheEnd() throws Exception {
        VirtualClock clock = new VirtualClock(T0);
        Pipeline p = Sluice.pipeline().clock(clock).build();
        Source<String> users = p.source("users");
        List<String> out = new ArrayList<>();
        users.keyBy(u -> u).window(WindowSpec.tumbling(Duration.ofSeconds(10))).aggregate(Aggregators.count())
                .map(WindowTest::show).sink(out::add);
        users.emit("ann");
        users.emit("bob");
        clock.advance(Duration.ofSeconds(5));
        users.emit("ann");
        assertEquals(List.of(), out, "nothing before the end of the window");
        clock.advance(Duration.ofSeconds(5));
        assertEquals(List.of("ann[0,10)=2", "bob[0,10)=1"), out);
        users.emit("bob");
        clock.advance(Duration.ofSeconds(10));
        assertEquals("bob[10,20)=1", out.get(2));
        users.complete();
        p.await();
        assertEquals(3, out.size());
    }

    @Test
    void hopping_processingTime_putsAnItemInEveryOverlappingWindow() throws Exception {
        VirtualClock clock = new VirtualClock(T0);
        Pipeline p = Sluice.pipeline().clock(clock).build();
        Source<Integer> source = p.source("n");
        List<String> out = new ArrayList<>();
        source.keyBy(x -> "k").window(WindowSpec.hopping(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .aggregate(Aggregators.summingLong(x -> x)).map(WindowTest::show).sink(out::add);
        clock.advance(Duration.ofSeconds(7));
        source.emit(1); // windows [0,10) and [5,15)
        clock.advance(Duration.ofSeconds(5));
        source.emit(10); // at 12 s: windows [5,15) and [10,20)
        clock.advance(Duration.ofSeconds(20));
        assertEquals(List.of("k[0,10)=1", "k[5,15)=11", "k[10,20)=10"), out);
        source.complete();
        p.await();
    }

    /**
     * A key, time or aggregate function failing on an item is the window's own error, for its
     * policy: skipped, the item is in no window, and no empty window is left behind for it.
     */
    @Test
    void anItemTheFunctionsFailOn_isTheWindowsError_andLeavesNoEmptyWindow() throws Exception {
        for (WindowSpec spec : List.of(WindowSpec.tumbling(Duration.ofSeconds(10)), WindowSpec.session(Duration.ofSeconds(10)))) {
            Pipeline p = Sluice.pipeline().build();
            Source<Click> clicks = p.source("clicks");
            List<String> out = new ArrayList<>();
            List<DeadLetter> dead = new ArrayList<>();
            clicks.keyBy(c -> c.user().substring(0, 3)) // fails on "x"
                    .window(spec)
                    .eventTime(Click::at, Duration.ZERO)
                    .aggregate(Aggregators.summingLong(c -> c.user().equals("ann") ? 1 : Long.parseLong(c.user())))
                    .named("sums").errorPolicy(ErrorPolicy.deadLetter(dead::add))
                    .map(WindowTest::show).sink(out::add);
            clicks.emit(new Click("ann", t(1)));
            Click noKey = new Click("x", t(2));
            clicks.emit(noKey); // the key function fails
            Click zero = new Click("bob", t(3));
            clicks.emit(zero); // the aggregate fails: bob's window must not be made
            clicks.complete();
            p.await();
            assertEquals(1, out.size(), spec + ": " + out);
            assertTrue(out.get(0).startsWith("ann["), out.toString());
            assertEquals(List.of(noKey, zero), dead.stream().map(DeadLetter::item).toList(), spec.toString());
            assertEquals(List.of("sums", "sums"), dead.stream().map(DeadLetter::node).toList());
            assertEquals(2, p.snapshot().node("sums").errors());
        }
    }

    @Test
    void session_mergesBurstsAndClosesAfterTheGap() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Click> clicks = p.source("clicks");
        List<String> out = new ArrayList<>();
        clicks.keyBy(Click::user).window(WindowSpec.session(Duration.ofSeconds(30)))
                .eventTime(Click::at, Duration.ZERO)
                .aggregate(Aggregators.count()).map(WindowTest::show).sink(out::add);
        clicks.emit(new Click("ann", t(0)));
        clicks.emit(new Click("ann", t(20))); // joins: session [0,50)
        clicks.emit(new Click("bob", t(25)));
        clicks.emit(new Click("ann", t(10))); // in the middle of ann's session
        assertEquals(List.of(), out);
        clicks.emit(new Click("bob", t(100))); // watermark 100: ann [0,50) and bob [25,55) close
        assertEquals(List.of("ann[0,50)=3", "bob[25,55)=1"), out);
        clicks.complete();
        p.await();
        assertEquals("bob[100,130)=1", out.get(2));
    }

    @Test
    void session_aBridgingItemMergesTwoSessions() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Click> clicks = p.source("clicks");
        List<String> out = new ArrayList<>();
        clicks.keyBy(Click::user).window(WindowSpec.session(Duration.ofSeconds(10)))
                .eventTime(Click::at, Duration.ofSeconds(60))
                .aggregate(Aggregators.count()).map(WindowTest::show).sink(out::add);
        clicks.emit(new Click("ann", t(0)));  // [0,10)
        clicks.emit(new Click("ann", t(15))); // [15,25)
        clicks.emit(new Click("ann", t(8)));  // [8,18) bridges both: [0,25)
        clicks.complete();
        p.await();
        assertEquals(List.of("ann[0,25)=3"), out);
    }

    @Test
    void eventTime_outOfOrderWithinBound_isOnTime_lateGoesToSideOutput() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Click> clicks = p.source("clicks");
        List<String> out = new ArrayList<>();
        List<Click> late = new ArrayList<>();
        Aggregated<String, Click, Long> counts = clicks.keyBy(Click::user)
                .window(WindowSpec.tumbling(Duration.ofSeconds(10)))
                .eventTime(Click::at, Duration.ofSeconds(5))
                .aggregate(Aggregators.count());
        counts.map(WindowTest::show).sink(out::add);
        counts.late().sink(late::add);

        clicks.emit(new Click("ann", t(1)));
        clicks.emit(new Click("ann", t(12))); // watermark 7: [0,10) still open
        clicks.emit(new Click("ann", t(8)));  // out of order, within 5 s: on time
        assertEquals(List.of(), out);
        clicks.emit(new Click("ann", t(16))); // watermark 11: [0,10) fires
        assertEquals(List.of("ann[0,10)=2"), out);
        Click tooLate = new Click("ann", t(9));
        clicks.emit(tooLate);
        assertEquals(List.of(tooLate), late);
        clicks.complete();
        p.await();
        assertEquals(List.of("ann[0,10)=2", "ann[10,20)=2"), out);
    }

    @Test
    void eventTime_allowedLateness_updatesAFiredWindow() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Click> clicks = p.source("clicks");
        List<String> out = new ArrayList<>();
        List<Click> late = new ArrayList<>();
        Aggregated<String, Click, Long> counts = clicks.keyBy(Click::user)
                .window(WindowSpec.tumbling(Duration.ofSeconds(10)))
                .eventTime(Click::at, Duration.ZERO)
                .allowedLateness(Duration.ofSeconds(30))
                .aggregate(Aggregators.count());
        counts.map(WindowTest::show).sink(out::add);
        counts.late().sink(late::add);
        clicks.emit(new Click("ann", t(1)));
        clicks.emit(new Click("ann", t(10))); // fires [0,10)=1
        clicks.emit(new Click("ann", t(5)));  // late but within 30 s: update
        clicks.emit(new Click("ann", t(45))); // watermark 45: [0,10) purged (10 + 30 <= 45), [10,20) fires
        clicks.emit(new Click("ann", t(6)));  // too late now
        clicks.complete();
        p.await();
        assertEquals(List.of("ann[0,10)=1", "ann[0,10)=2*", "ann[10,20)=1", "ann[40,50)=1"), out);
        assertEquals(List.of(new Click("ann", t(6))), late);
    }

    @Test
    void lateItemsWithoutASubscriber_areCountedAsDropped() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Click> clicks = p.source("clicks");
        clicks.keyBy(Click::user).window(WindowSpec.tumbling(Duration.ofSeconds(10)))
                .eventTime(Click::at, Duration.ZERO).aggregate(Aggregators.count()).named("counts").sink(r -> {});
        clicks.emit(new Click("ann", t(20)));
        clicks.emit(new Click("ann", t(1)));
        clicks.complete();
        p.await();
        assertEquals(1, p.snapshot().node("counts").dropped());
    }

    @Test
    void aggregators_computeTheirValues() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Integer> source = p.source("n");
        List<List<Object>> out = new ArrayList<>();
        var window = source.keyBy(x -> "all").window(WindowSpec.tumbling(Duration.ofDays(1)));
        List<Object> row = new ArrayList<>();
        window.aggregate(Aggregators.averaging(x -> x)).sink(r -> row.add(r.value()));
        window.aggregate(Aggregators.min(Integer::compare)).sink(r -> row.add(r.value()));
        window.aggregate(Aggregators.max(Integer::compare)).sink(r -> row.add(r.value()));
        window.aggregate(Aggregators.toList()).sink(r -> row.add(r.value()));
        window.aggregate(Aggregators.reducing(Integer::sum)).sink(r -> row.add(r.value()));
        window.aggregate(Aggregators.summingDouble(x -> x / 2.0)).sink(r -> row.add(r.value()));
        source.emitAll(List.of(4, 1, 3));
        source.complete();
        p.await();
        out.add(row);
        assertEquals(List.of(List.of(8.0 / 3, 1, 4, List.of(4, 1, 3), 8, 4.0)), out);
    }

    @Test
    void allowedLateness_onProcessingTime_isRejected() {
        Source<Integer> source = Sluice.source();
        WindowedPipe<String, Integer> w = source.keyBy(x -> "k").window(WindowSpec.tumbling(Duration.ofSeconds(1)))
                .allowedLateness(Duration.ofSeconds(1));
        assertThrows(IllegalStateException.class, () -> w.aggregate(Aggregators.count()));
        assertThrows(IllegalArgumentException.class, () -> WindowSpec.hopping(Duration.ofSeconds(1), Duration.ofSeconds(2)));
    }
}
