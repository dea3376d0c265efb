package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.time.VirtualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timed operators on a virtual clock: exact instants, no sleeps. */
class TimeOperatorTest {
    final VirtualClock clock = new VirtualClock();
    final Pipeline p = Sluice.pipeline().clock(clock).build();
    final Source<Integer> source = p.source("in");
    final List<Object> out = new ArrayList<>();

    @Test
    void batchTimeout_emitsThePartialBatchOnTime() throws Exception {
        source.batch(3, Duration.ofSeconds(2)).sink(out::add);
        source.emit(1);
        clock.advance(Duration.ofMillis(1999));
        assertEquals(List.of(), out);
        source.emit(2);
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(List.of(1, 2)), out);
        source.emitAll(List.of(3, 4, 5));
        assertEquals(List.of(List.of(1, 2), List.of(3, 4, 5)), out);
        clock.advance(Duration.ofSeconds(10));
        assertEquals(2, out.size(), "a full batch cancels its timeout");
        source.complete();
        p.await();
    }

    @Test
    void timedWindow_ticksAtFixedRate() throws Exception {
        source.timedWindow(Duration.ofMillis(50)).filter(l -> !l.isEmpty()).sink(out::add);
        p.start();
        source.emit(1);
        clock.advance(Duration.ofMillis(50));
        source.emit(2);
        source.emit(3);
        clock.advance(Duration.ofMillis(49));
        assertEquals(List.of(List.of(1)), out);
        clock.advance(Duration.ofMillis(1));
        assertEquals(List.of(List.of(1), List.of(2, 3)), out);
        source.complete();
        p.await();
    }

    @Test
    void rateLimit_spacesItemsByTheInterval() throws Exception {
        List<Long> at = new ArrayList<>();
        source.rateLimit(Duration.ofMillis(100)).sink(x -> at.add(clock.nanoTime() / 1_000_000));
        source.emitAll(List.of(1, 2, 3));
        clock.advance(Duration.ofMillis(500));
        source.emit(4);
        assertEquals(List.of(0L, 100L, 200L, 700L), at);
        source.complete();
        p.await();
    }

    @Test
    void delay_emitsAfterTheInterval_andCompletionWaitsForIt() throws Exception {
        List<Long> at = new ArrayList<>();
        source.delay(Duration.ofSeconds(1)).sink(x -> at.add(clock.nanoTime() / 1_000_000));
        source.emit(1);
        clock.advance(Duration.ofMillis(300));
        source.emit(2);
        source.complete();
        assertEquals(PipelineState.RUNNING, p.state(), "two items still delayed");
        clock.advance(Duration.ofSeconds(2));
        p.await();
        assertEquals(List.of(1000L, 1300L), at);
    }

    @Test
    void collect_emitsOnFlush() throws Exception {
        CollectPipe<Integer> collected = source.collect();
        collected.sink(out::add);
        source.emitAll(List.of(1, 2));
        assertEquals(2, collected.pending());
        collected.flush();
        source.emit(3);
        collected.flush();
        collected.flush();
        source.complete();
        p.await();
        assertEquals(List.of(List.of(1, 2), List.of(3), List.of()), out);
    }

    @Test
    void uniqueWithATimeToLive_forgetsAKeyAfterIt_andBoundsItsMemory() throws Exception {
        source.unique(2, Duration.ofSeconds(10), x -> x % 100).sink(out::add);
        source.emitAll(List.of(1, 101, 2));                 // 101 repeats key 1
        clock.advance(Duration.ofMillis(9999));
        source.emit(201);                                   // key 1, still within its ten seconds
        clock.advance(Duration.ofMillis(1));
        source.emit(301);                                   // keys 1 and 2 expired: 301 passes, remembered anew
        source.emitAll(List.of(3, 2, 401));                 // 2 passes (expired); keeping 2 pushes out the oldest, 1: 401 passes
        source.complete();
        p.await();
        assertEquals(List.of(1, 2, 301, 3, 2, 401), out);
    }

    @Test
    void batchByWeight_endsABatchBeforeTheItemThatWouldTipItOver() throws Exception {
        List<List<String>> out = new java.util.ArrayList<>();
        Pipeline p = Sluice.pipeline().build();
        p.fromIterable("in", List.of("aa", "bb", "c", "dddddd", "e", "ff", "ggg"))
                .batch(10, 5, String::length, null, null).sink(out::add);
        p.start();
        p.await();
        assertEquals(List.of(List.of("aa", "bb", "c"), List.of("dddddd"), List.of("e", "ff"), List.of("ggg")), out,
                "five reached; a heavy item alone; e and ff (3) then ggg would be 6");
    }
}
