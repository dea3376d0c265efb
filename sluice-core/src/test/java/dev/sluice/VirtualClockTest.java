package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sluice.time.Scheduler;
import dev.sluice.time.VirtualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VirtualClockTest {

    @Test
    void advance_runsDueTasksInOrder_eachAtItsOwnTime() {
        VirtualClock clock = new VirtualClock(Instant.parse("2026-01-01T00:00:00Z"));
        Scheduler s = clock.newScheduler(Thread::new);
        List<String> log = new ArrayList<>();
        s.schedule(Duration.ofSeconds(2), () -> log.add("b@" + clock.nanoTime() / 1_000_000_000));
        s.schedule(Duration.ofSeconds(1), () -> {
            log.add("a@" + clock.nanoTime() / 1_000_000_000);
            s.schedule(Duration.ofSeconds(5), () -> log.add("c@" + clock.nanoTime() / 1_000_000_000));
        });
        s.schedule(Duration.ofSeconds(2), () -> log.add("b2@" + clock.nanoTime() / 1_000_000_000));
        var cancelled = s.schedule(Duration.ofSeconds(3), () -> log.add("never"));
        cancelled.cancel();
        clock.advance(Duration.ofSeconds(10));
        assertEquals(List.of("a@1", "b@2", "b2@2", "c@6"), log);
        assertEquals(Instant.parse("2026-01-01T00:00:10Z"), clock.instant());
        assertEquals(0, clock.pendingTasks());
    }

    @Test
    void await_advancesByTheTimeout_runningWhatFallsDue() throws Exception {
        VirtualClock clock = new VirtualClock();
        List<String> log = new ArrayList<>();
        clock.newScheduler(Thread::new).schedule(Duration.ofSeconds(3), () -> log.add("due@3"));
        java.util.concurrent.locks.ReentrantLock lock = new java.util.concurrent.locks.ReentrantLock();
        var condition = lock.newCondition();
        lock.lock();
        try {
            clock.await(condition, Duration.ofSeconds(5)); // nobody signals: a real wait would take 5 s
        } finally {
            lock.unlock();
        }
        assertEquals(List.of("due@3"), log);
        assertEquals(Duration.ofSeconds(5).toNanos(), clock.nanoTime());
    }

    @Test
    void sleep_advancesInsteadOfBlocking_close_dropsTasks() throws Exception {
        VirtualClock clock = new VirtualClock();
        Scheduler s = clock.newScheduler(Thread::new);
        List<String> log = new ArrayList<>();
        s.schedule(Duration.ofMillis(10), () -> log.add("x"));
        clock.sleep(Duration.ofMillis(5));
        assertEquals(List.of(), log);
        s.close();
        clock.sleep(Duration.ofMillis(10));
        assertEquals(List.of(), log);
        assertThrows(java.util.concurrent.RejectedExecutionException.class, () -> s.schedule(Duration.ZERO, () -> {}));
        assertThrows(IllegalArgumentException.class, () -> clock.advance(Duration.ofSeconds(-1)));
    }
}
