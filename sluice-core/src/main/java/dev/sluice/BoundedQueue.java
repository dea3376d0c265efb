package dev.sluice;

import dev.sluice.time.Clock;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A bounded ring buffer between node threads: single consumer, single producer, or several
 * producers serialized by a lock. Blocking {@link #put} and {@link #take} spin briefly, then park;
 * waking follows the Dekker pattern (announce the waiter, re-check, park), so no wakeup is lost.
 * A worker producer {@link #stage stages} its items and publishes them at the end of its batch;
 * the consumer takes a batch and frees its slots together: a hop costs a few plain memory
 * operations per item and a fence per batch on each side.
 *
 * <p>{@link #close} wakes everyone: producers get {@link Signal#CLOSED}, the consumer gets -1
 * from {@link #take}. Items still queued are discarded (cancellation); graceful completion uses an
 * end marker item instead.
 *
 * <p>The indexes the two sides write are kept on separate cache lines ({@code BoundedQueueLayout}).
 *
 * <p>For monitoring it remembers since when producers have found it full without interruption.
 */
final class BoundedQueue extends BoundedQueuePad2 {
    private final int publishEvery;
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
    /** Staged items are published at least this often, so the consumer starts before the batch ends. */
    private static final int PUBLISH_EVERY = 64;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            HEAD = lookup.findVarHandle(BoundedQueueConsumerFields.class, "head", long.class);
            TAIL = lookup.findVarHandle(BoundedQueueProducerFields.class, "tail", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    BoundedQueue(int capacity, boolean multiProducer, Clock clock) {
        super(capacity, multiProducer, clock);
        this.publishEvery = Math.min(capacity, PUBLISH_EVERY);
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
        long t = staged;
        if (!hasRoom(t)) {
            publish();
            return false;
        }
        ring[(int) t & mask] = item;
        staged = t + 1;
        tail = t + 1; // volatile store: orders the slot write and pairs with the consumer's re-check
        Thread consumer = waitingConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
        return true;
    }

    /** Whether the slot at index {@code t} is free. Producer side. */
    private boolean hasRoom(long t) {
        if (t - headSeen < capacity) {
            return true;
        }
        // reading head, which the consumer's core writes, costs a cache miss: only when needed
        headSeen = head;
        return t - headSeen < capacity;
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
        do {
            awaitRoom(staged);
        } while (!offerSingle(item));
    }

    /**
     * Writes {@code item} into the next slot without publishing it: the consumer sees it at the
     * next {@link #publish}, which the producer calls at the end of its batch (and which happens
     * by itself every {@link #PUBLISH_EVERY} items, while the consumer waits, and before waiting
     * for room). A batch thus costs one fence and one wake-up check, and no copy through an
     * intermediate buffer (the Disruptor publishes the same way). Single producer only.
     *
     * @throws Signal if closed meanwhile
     */
    void stage(Object item) throws InterruptedException {
        if (closedReason != null) {
            throw Signal.CLOSED;
        }
        long t = staged;
        if (!hasRoom(t)) {
            publish(); // the consumer can only make room from what it sees
            awaitRoom(t);
        }
        ring[(int) t & mask] = item;
        staged = t + 1;
        if (t + 1 - tail >= publishEvery || (waitingConsumer != null && waits != wokenWait)) {
            // a consumer waiting for items gets them at once (the batch may be slow to end), but
            // once per wait: until it runs again, the next items go in the usual batches
            wokenWait = waits;
            publish();
        }
    }

    /** Makes every {@link #stage staged} item visible to the consumer and wakes it if it waits. */
    void publish() {
        long t = staged;
        if (t == (long) TAIL.getOpaque(this)) {
            return;
        }
        tail = t; // volatile store: orders the slot writes and pairs with the consumer's re-check
        Thread consumer = waitingConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }

    /** Waits, spinning, yielding, then parking, until the slot at index {@code t} is free. */
    private void awaitRoom(long t) throws InterruptedException {
        if (fullSince == NOT_FULL) {
            fullSince = clock.nanoTime();
        }
        for (int spins = 0; ; spins++) {
            if (closedReason != null) {
                throw Signal.CLOSED;
            }
            headSeen = head;
            if (t - headSeen < capacity) {
                fullSince = NOT_FULL;
                return;
            }
            if (spins < SPINS) {
                Thread.onSpinWait();
            } else if (spins < SPINS + YIELDS) {
                Thread.yield();
            } else {
                waitingProducer = Thread.currentThread();
                if (t - head >= capacity && closedReason == null) {
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
                waits++; // before the announcement below, which publishes it
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
        int n = (int) Math.min(tail - h, into.length);
        for (int i = 0; i < n; i++) {
            int slot = (int) (h + i) & mask;
            into[i] = ring[slot];
            ring[slot] = null;
        }
        if (n > 0) {
            head = h + n; // volatile store: after the slot reads; pairs with the producer's re-check
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
