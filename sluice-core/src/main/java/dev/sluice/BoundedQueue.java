package dev.sluice;

import dev.sluice.time.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded ring buffer between node threads: single consumer, single producer, or several
 * producers serialized by a lock. Blocking {@link #put} and {@link #take} spin briefly, then park;
 * waking follows the Dekker pattern (announce the waiter, re-check, park), so no wakeup is lost.
 * The consumer drains in batches, which keeps the per-item cost of a hop low.
 *
 * <p>{@link #close} wakes everyone: producers get {@link Signal#CLOSED}, the consumer gets -1
 * from {@link #take}. Items still queued are discarded (cancellation); graceful completion uses an
 * end marker item instead.
 *
 * <p>For monitoring it remembers since when producers have found it full without interruption.
 */
final class BoundedQueue {
    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    /**
     * Busy spins before yielding: spinning pays only when another core is free to make progress
     * meanwhile. With two cores, a pipeline of three threaded stages already has more threads than
     * cores, and a spinning thread takes the core its producer needs (measured: 16M items/s with 4
     * spins against 13M with 64 on 2 cores).
     */
    private static final int SPINS = Runtime.getRuntime().availableProcessors() >= 4 ? 64 : 4;
    private static final int YIELDS = 8;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(BoundedQueue.class, "head", long.class);
            TAIL = lookup.findVarHandle(BoundedQueue.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Object[] ring;
    private final int mask;
    private final int capacity;
    private final ReentrantLock producerLock;
    private final Clock clock;
    private volatile long head;
    private volatile long tail;
    /** The producer's last look at {@code head}: re-read only when the ring seems full (JCTools' trick). */
    private long headSeen;
    private volatile Thread waitingConsumer;
    private volatile Thread waitingProducer;
    private volatile Object closedReason;
    private static final long NOT_FULL = Long.MIN_VALUE;
    private volatile long fullSince = NOT_FULL;

    BoundedQueue(int capacity, boolean multiProducer, Clock clock) {
        if (capacity < 1) {
            throw new IllegalArgumentException("queue capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
        int size = Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.ring = new Object[Math.max(size, 1)];
        this.mask = ring.length - 1;
        this.producerLock = multiProducer ? new ReentrantLock() : null;
        this.clock = clock;
    }

    int capacity() {
        return capacity;
    }

    int size() {
        long h = head;
        return (int) Math.max(0, Math.min(capacity, tail - h));
    }

    /** Nanos on the clock since producers first found the queue full, or -1 when it is not. */
    long fullForNanos() {
        long since = fullSince;
        return since == NOT_FULL ? -1 : Math.max(0, clock.nanoTime() - since);
    }

    /** Adds without waiting; false when full. @throws Signal if closed */
    boolean offer(Object item) {
        if (producerLock == null) {
            return offerSingle(item);
        }
        producerLock.lock();
        try {
            return offerSingle(item);
        } finally {
            producerLock.unlock();
        }
    }

    private boolean offerSingle(Object item) {
        if (closedReason != null) {
            throw Signal.CLOSED;
        }
        long t = (long) TAIL.getOpaque(this);
        if (t - headSeen >= capacity) {
            // reading head, which the consumer's core writes, costs a cache miss: only when needed
            headSeen = head;
            if (t - headSeen >= capacity) {
                return false;
            }
        }
        ring[(int) t & mask] = item;
        tail = t + 1; // volatile store: orders the slot write and pairs with the consumer's re-check
        Thread consumer = waitingConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
        return true;
    }

    /** Adds, waiting while full. @throws Signal if closed meanwhile */
    void put(Object item) throws InterruptedException {
        if (producerLock == null) {
            putSingle(item);
            return;
        }
        producerLock.lockInterruptibly();
        try {
            putSingle(item);
        } finally {
            producerLock.unlock();
        }
    }

    private void putSingle(Object item) throws InterruptedException {
        if (offerSingle(item)) {
            if (fullSince != NOT_FULL) {
                fullSince = NOT_FULL;
            }
            return;
        }
        if (fullSince == NOT_FULL) {
            fullSince = clock.nanoTime();
        }
        for (int spins = 0; ; spins++) {
            if (offerSingle(item)) {
                return;
            }
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else if (spins < SPINS + YIELDS) {
                Thread.yield();
            } else {
                waitingProducer = Thread.currentThread();
                if (tail - head >= capacity && closedReason == null) {
                    LockSupport.park(this);
                }
                waitingProducer = null;
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }

    /**
     * Adds {@code items[0..n)} in order, waiting while full; as many as fit are published with one
     * volatile store, so a batch costs one fence and one consumer wake-up check instead of n.
     *
     * @throws Signal if closed meanwhile
     */
    void putAll(Object[] items, int n) throws InterruptedException {
        if (producerLock == null) {
            putAllSingle(items, n);
            return;
        }
        producerLock.lockInterruptibly();
        try {
            putAllSingle(items, n);
        } finally {
            producerLock.unlock();
        }
    }

    private void putAllSingle(Object[] items, int n) throws InterruptedException {
        int done = 0;
        while (done < n) {
            if (closedReason != null) {
                throw Signal.CLOSED;
            }
            long t = (long) TAIL.getOpaque(this);
            long free = capacity - (t - headSeen);
            if (free < n - done) {
                headSeen = head;
                free = capacity - (t - headSeen);
            }
            int k = (int) Math.min(free, n - done);
            if (k == 0) {
                putSingle(items[done++]); // full: wait as a single put does, then go on in bulk
                continue;
            }
            for (int i = 0; i < k; i++) {
                ring[(int) (t + i) & mask] = items[done + i];
            }
            done += k;
            tail = t + k; // one volatile store publishes the k slots
            Thread consumer = waitingConsumer;
            if (consumer != null) {
                LockSupport.unpark(consumer);
            }
        }
        if (fullSince != NOT_FULL) {
            fullSince = NOT_FULL;
        }
    }

    /**
     * Moves up to {@code into.length} items into {@code into}, waiting for at least one.
     *
     * @return the number moved, or -1 once the queue is closed
     */
    int take(Object[] into) throws InterruptedException {
        for (int spins = 0; ; spins++) {
            if (closedReason != null) {
                return -1;
            }
            int n = drain(into);
            if (n > 0) {
                return n;
            }
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else if (spins < SPINS + YIELDS) {
                Thread.yield();
            } else {
                waitingConsumer = Thread.currentThread();
                if (tail == head && closedReason == null) {
                    LockSupport.park(this);
                }
                waitingConsumer = null;
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
        }
    }

    /** Moves what is there, without waiting. Consumer thread only. */
    int drain(Object[] into) {
        long h = (long) HEAD.getOpaque(this);
        long available = tail - h;
        int n = (int) Math.min(available, into.length);
        for (int i = 0; i < n; i++) {
            int slot = (int) (h + i) & mask;
            into[i] = ring[slot];
            ring[slot] = null;
        }
        if (n > 0) {
            head = h + n; // volatile store, pairs with the producer's re-check
            Thread producer = waitingProducer;
            if (producer != null) {
                LockSupport.unpark(producer);
            }
        }
        return n;
    }

    /** Closes the queue, discarding its items; {@code reason} is a Throwable on failure. */
    void close(Object reason) {
        if (closedReason == null) {
            closedReason = reason;
        }
        Thread c = waitingConsumer;
        if (c != null) {
            LockSupport.unpark(c);
        }
        Thread p = waitingProducer;
        if (p != null) {
            LockSupport.unpark(p);
        }
    }

    Object closedReason() {
        return closedReason;
    }
}
