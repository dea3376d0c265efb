package dev.sluice;

import dev.sluice.time.Clock;
import java.util.concurrent.locks.ReentrantLock;

/*
 * The fields of BoundedQueue, laid out so that what the consumer writes (head) and what the
 * producer writes (tail) sit on cache lines of their own. Without this, every publish by the
 * producer invalidated the line the consumer was reading its index from, and the other way round
 * (false sharing). HotSpot places a superclass's fields before its subclass's, so a chain of
 * classes with 128 bytes of padding between them (two lines: the adjacent-line prefetcher moves
 * pairs) keeps the groups apart; JCTools' queues are written the same way.
 */

/** Fields set once (and the close reason, written once): shared read-only by both sides. */
abstract class BoundedQueueColdFields {
    final Object[] ring;
    final int mask;
    final int capacity;
    final ReentrantLock producerLock;
    final Clock clock;
    volatile Object closedReason;

    BoundedQueueColdFields(int capacity, boolean multiProducer, Clock clock) {
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
}

abstract class BoundedQueuePad0 extends BoundedQueueColdFields {
    long p00, p01, p02, p03, p04, p05, p06, p07, p08, p09, p10, p11, p12, p13, p14, p15;

    BoundedQueuePad0(int capacity, boolean multiProducer, Clock clock) {
        super(capacity, multiProducer, clock);
    }
}

/** Written by the consumer; {@code waitingProducer} is read by the consumer after every drain. */
abstract class BoundedQueueConsumerFields extends BoundedQueuePad0 {
    volatile long head;
    volatile Thread waitingProducer;
    /** How many times the consumer announced that it waits; read by the producer only then. */
    int waits;

    BoundedQueueConsumerFields(int capacity, boolean multiProducer, Clock clock) {
        super(capacity, multiProducer, clock);
    }
}

abstract class BoundedQueuePad1 extends BoundedQueueConsumerFields {
    long p10, p11, p12, p13, p14, p15, p16, p17, p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;

    BoundedQueuePad1(int capacity, boolean multiProducer, Clock clock) {
        super(capacity, multiProducer, clock);
    }
}

/** Written by the producer; {@code waitingConsumer} is read by the producer after every publish. */
abstract class BoundedQueueProducerFields extends BoundedQueuePad1 {
    static final long NOT_FULL = Long.MIN_VALUE;
    volatile long tail;
    /** The producer's next index: staged items in {@code [tail, staged)} are written, not yet published. */
    long staged;
    /** The producer's last look at {@code head}: re-read only when the ring seems full (JCTools' trick). */
    long headSeen;
    volatile Thread waitingConsumer;
    /** The consumer's wait the producer last published for at once (see {@code stage}). */
    int wokenWait;
    volatile long fullSince = NOT_FULL;

    BoundedQueueProducerFields(int capacity, boolean multiProducer, Clock clock) {
        super(capacity, multiProducer, clock);
    }
}

abstract class BoundedQueuePad2 extends BoundedQueueProducerFields {
    long p20, p21, p22, p23, p24, p25, p26, p27, p28, p29, p2a, p2b, p2c, p2d, p2e, p2f;

    BoundedQueuePad2(int capacity, boolean multiProducer, Clock clock) {
        super(capacity, multiProducer, clock);
    }
}
