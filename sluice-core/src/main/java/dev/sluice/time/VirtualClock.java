package dev.sluice.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;

/**
 * A clock that moves only when told to, for deterministic tests of time-based behaviour.
 *
 * <p>{@link #advance(Duration)} moves time forward and runs every task that falls due, each at
 * its own due time (the clock reads the task's due time while it runs), on the calling thread.
 * {@link #sleep(Duration)} advances the clock by the duration instead of blocking, so code that
 * waits (retry backoff, rate limits, a generator that sleeps) runs at full speed and sees time
 * pass. Thread-safe; tasks run outside the clock's lock, so a task may schedule further tasks.
 */
public final class VirtualClock implements Clock {
    private final long epochMillisAtZero;
    private long nanos;
    private long sequence;
    private final PriorityQueue<Task> tasks = new PriorityQueue<>();
    private final List<VirtualScheduler> schedulers = new ArrayList<>();

    /** A virtual clock that reads 2026-01-01T00:00:00Z. */
    public VirtualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    /** A virtual clock whose wall time starts at {@code start}. */
    public VirtualClock(Instant start) {
        this.epochMillisAtZero = start.toEpochMilli();
    }

    @Override
    public synchronized long nanoTime() {
        return nanos;
    }

    @Override
    public synchronized long currentTimeMillis() {
        return epochMillisAtZero + nanos / 1_000_000L;
    }

    /** The current virtual wall time. */
    public Instant instant() {
        return Instant.ofEpochMilli(currentTimeMillis());
    }

    /** Advances virtual time; never blocks. */
    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        advance(duration);
    }

    /** Advances virtual time by {@code timeout} instead of waiting on {@code condition}. */
    @Override
    public void await(java.util.concurrent.locks.Condition condition, Duration timeout) throws InterruptedException {
        sleep(timeout);
    }

    /**
     * Moves time forward by {@code duration}, running every task that falls due on the calling
     * thread in due order.
     */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cannot move a clock backwards: " + duration);
        }
        long target;
        synchronized (this) {
            target = nanos + duration.toNanos();
        }
        while (true) {
            Task next;
            synchronized (this) {
                next = tasks.peek();
                if (next == null || next.due > target) {
                    nanos = Math.max(nanos, target);
                    return;
                }
                tasks.poll();
                nanos = Math.max(nanos, next.due);
            }
            if (!next.cancelled) {
                next.run.run();
            }
        }
    }

    /** Runs the tasks due now without moving time. */
    public void runDue() {
        advance(Duration.ZERO);
    }

    /** The number of tasks scheduled and not yet run or cancelled. */
    public synchronized int pendingTasks() {
        return (int) tasks.stream().filter(t -> !t.cancelled).count();
    }

    @Override
    public Scheduler newScheduler(ThreadFactory threads) {
        VirtualScheduler scheduler = new VirtualScheduler();
        synchronized (this) {
            schedulers.add(scheduler);
        }
        return scheduler;
    }

    @Override
    public String toString() {
        return "VirtualClock[" + instant() + "]";
    }

    private final class VirtualScheduler implements Scheduler {
        private boolean closed;

        @Override
        public Cancellable schedule(Duration delay, Runnable run) {
            synchronized (VirtualClock.this) {
                if (closed) {
                    throw new RejectedExecutionException("scheduler is closed");
                }
                Task task = new Task(nanos + Math.max(0, delay.toNanos()), sequence++, run, this);
                tasks.add(task);
                return () -> task.cancelled = true;
            }
        }

        @Override
        public void close() {
            synchronized (VirtualClock.this) {
                closed = true;
                tasks.removeIf(t -> t.owner == this);
                schedulers.remove(this);
            }
        }
    }

    private static final class Task implements Comparable<Task> {
        final long due;
        final long seq;
        final Runnable run;
        final Object owner;
        volatile boolean cancelled;

        Task(long due, long seq, Runnable run, Object owner) {
            this.due = due;
            this.seq = seq;
            this.run = run;
            this.owner = owner;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(due, o.due);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
