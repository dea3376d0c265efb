package dev.sluice;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A region of synchronous nodes that one thread runs at a time: everything downstream of a
 * source or a threaded boundary up to the next boundary. Nodes inside a domain call each other
 * directly and keep plain fields.
 *
 * <p>Most domains have one entry thread and never lock. A domain becomes <em>shared</em> when a
 * second thread may enter it: a timer (windows, delay, partition timeouts), a fan-in from another
 * domain, or {@link CollectPipe#flush()} from any thread. Every entry into a shared domain takes
 * its lock, which serializes the nodes again. Sharing is decided while the graph is built.
 */
final class Domain {
    private final ReentrantLock lock = new ReentrantLock();
    private volatile boolean shared;
    /** True for a threaded stage's domain: its worker handles items in batches and says when one ends. */
    private final boolean batches;
    /** Queues this domain feeds in batches; flushed at the end of each of the worker's batches. */
    private ThreadedStage<?, ?>[] stagingQueues = new ThreadedStage<?, ?>[0];

    Domain() {
        this(false);
    }

    Domain(boolean batches) {
        this.batches = batches;
    }

    /**
     * Whether a queue fed from here may collect items and hand them over at the end of the
     * worker's batch: only in a batching domain that no other thread enters (a timer or another
     * thread would add items after the batch ended, and nobody would flush them).
     */
    boolean canFeedInBatches() {
        return batches && !shared;
    }

    /** Registers {@code stage} to be flushed at each batch end. Called before the threads start. */
    void feedsInBatches(ThreadedStage<?, ?> stage) {
        stagingQueues = java.util.Arrays.copyOf(stagingQueues, stagingQueues.length + 1);
        stagingQueues[stagingQueues.length - 1] = stage;
    }

    /** The worker finished a batch: hands over what it produced for the queues below. */
    void batchEnded() {
        for (ThreadedStage<?, ?> s : stagingQueues) {
            s.publishStaged();
        }
    }

    void markShared() {
        shared = true;
    }

    boolean isShared() {
        return shared;
    }

    /** Enters the domain; pass the result to {@link #exit}. */
    boolean enter() {
        if (!shared) {
            return false;
        }
        lock.lock();
        return true;
    }

    void exit(boolean locked) {
        if (locked) {
            lock.unlock();
        }
    }

    /** For nodes that wait inside a shared domain (zip); releases the lock while waiting. */
    Condition newCondition() {
        return lock.newCondition();
    }

    boolean heldByCurrentThread() {
        return lock.isHeldByCurrentThread();
    }
}
