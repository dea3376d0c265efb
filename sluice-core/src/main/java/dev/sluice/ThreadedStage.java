package dev.sluice;

/**
 * A stage behind a bounded input queue, drained by a thread of its own: the asynchronous
 * boundary of the engine. Producers (one, or several for fan-in) block while the queue is full;
 * the worker drains in batches and runs everything downstream of it inside its own
 * {@link Domain} until the next boundary.
 *
 * <p>Completion travels in-band as an end marker behind the queued items, so a graceful stop
 * drains them. Cancellation and failure close the queue: the worker drops what is queued; on
 * failure it tells its downstream stages before exiting.
 *
 * <p>With capacity 0 the stage has no queue and no thread and runs on its producer's thread.
 */
abstract class ThreadedStage<I, O> extends Stage<I, O> {
    static final Object END = new Object();
    private static final int MAX_BATCH = 256;
    /** The worker's batch: taken out of the queue at once, so the producer can refill the slots meanwhile. */
    private final Object[] batch;

    private final BoundedQueue queue;
    private volatile long lastProgress;
    private final boolean systemClock;
    /**
     * Whether the producer stages its items in the queue and publishes them together at the end of
     * its batch (one fence and one wake-up check per batch, not per item); false when the producer
     * puts each item (a user thread, a generator, several producers). Producer thread only.
     */
    private boolean staged;

    ThreadedStage(PipelineImpl pipeline, String kind, int capacity, boolean multiProducer, Domain inlineDomain) {
        super(pipeline, kind, capacity > 0 ? new Domain(true) : inlineDomain);
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative: " + capacity);
        }
        this.queue = capacity > 0 ? new BoundedQueue(capacity, multiProducer, pipeline.clock()) : null;
        this.systemClock = pipeline.clock() == dev.sluice.time.Clock.system();
        this.batch = capacity > 0 ? new Object[Math.min(capacity, MAX_BATCH)] : null;
    }

    /**
     * Handles one dequeued item on the worker thread (or inline), inside the domain. It does not
     * count the item: the worker counts a batch at its end ({@link #delivered}).
     */
    abstract void deliver(Object item);

    /**
     * Counts {@code n} items {@link #deliver delivered}. Once per batch rather than per item:
     * a store per item into this object, which the producer's thread reads for every item it
     * hands over, cost a fifth of the throughput of three threaded stages on 2 cores.
     */
    void delivered(int n) {
        in += n;
    }

    /** Runs first on the worker thread (or at start, inline). */
    void workerStarted() {}

    /** Runs last on the worker thread (or at the end, inline), however the stage ended. */
    void workerStopped() {}

    @Override
    boolean acceptsConcurrentInput() {
        return queue != null;
    }

    @Override
    BoundedQueue queue() {
        return queue;
    }

    boolean isThreaded() {
        return queue != null;
    }

    /** Nanos since the worker last finished a batch, for stuck detection. */
    long idleForNanos() {
        return pipeline.clock().nanoTime() - lastProgress;
    }

    @Override
    void onNext(I item) {
        if (queue == null) {
            deliver(item);
            delivered(1);
        } else {
            enqueue(item);
        }
    }

    @Override
    void onMarker(Marker marker) {
        if (queue == null) {
            markerReached(marker);
        } else {
            enqueue(marker); // in line with the items, so it passes only after them
            publishStaged(); // acknowledgements do not wait for the producer's batch to end
        }
    }

    /** The marker got through the queue (or arrived inline): every item before it was delivered. */
    void markerReached(Marker marker) {
        passMarker(marker);
    }

    final void enqueue(Object item) {
        try {
            if (staged) {
                queue.stage(item);
            } else {
                queue.put(item);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Signal.CLOSED;
        }
    }

    /** Publishes what the producer staged (its batch ended, or a marker or the end went in). */
    final void publishStaged() {
        if (staged) {
            queue.publish();
        }
    }

    /** Whether the producer hands items over in batches (see {@link #prepare}); for tests. */
    boolean batchesFromProducer() {
        return staged;
    }

    /**
     * Before the threads start: with one producer, and that producer a worker that says when its
     * batches end, collect its items and take them in batches.
     */
    @Override
    void prepare() {
        if (queue != null && inputs.size() == 1 && inputs.get(0).domain.canFeedInBatches()) {
            staged = true;
            inputs.get(0).domain.feedsInBatches(this);
        }
    }

    @Override
    void onComplete() {
        synchronized (this) {
            if (--openInputs > 0) {
                return;
            }
        }
        if (queue == null) {
            finish();
        } else {
            enqueue(END);
            publishStaged(); // nor does completion
        }
    }

    @Override
    void onError(Throwable error) {
        if (queue == null) {
            failDown(error);
        }
        // threaded: the failure closes the queue, and the worker tells downstream from its thread
    }

    @Override
    void onStart() {
        lastProgress = pipeline.clock().nanoTime();
        if (queue == null) {
            workerStarted();
        } else {
            pipeline.startThread(this, this::runWorker);
        }
    }

    @Override
    void onCancel() {
        if (queue != null) {
            Throwable failure = pipeline.failure();
            queue.close(failure != null ? failure : Signal.CLOSED);
        }
    }

    @Override
    void release() {
        if (queue == null) {
            workerStopped();
        }
    }

    private void runWorker() {
        Object[] b = batch;
        try {
            workerStarted();
            while (true) {
                int n = queue.take(b);
                if (n < 0) {
                    Object reason = queue.closedReason();
                    if (reason instanceof PipelineException failure) {
                        boolean locked = domain.enter();
                        try {
                            failDown(failure);
                        } finally {
                            domain.exit(locked);
                        }
                    }
                    return;
                }
                long started = System.nanoTime();
                boolean locked = domain.enter();
                int delivered = 0;
                try {
                    for (int i = 0; i < n; i++) {
                        Object item = b[i];
                        if (item == END) {
                            finish();
                            return;
                        }
                        if (item instanceof Marker m) {
                            markerReached(m);
                            continue;
                        }
                        deliver(item);
                        delivered++;
                    }
                    domain.batchEnded();
                } finally {
                    java.util.Arrays.fill(b, 0, n, null); // at once: cheaper than a store per item
                    delivered(delivered);
                    domain.exit(locked);
                    long now = System.nanoTime(); // a clock read costs: one serves both on the system clock
                    busyNanos += now - started;
                    lastProgress = systemClock ? now : pipeline.clock().nanoTime();
                }
                afterBatch();
            }
        } catch (Signal | PipelineException | InterruptedException e) {
            // the pipeline is ending: cancellation or a failure already recorded
        } catch (Throwable t) {
            pipeline.fail(name, PipelineException.NO_ITEM, t);
        } finally {
            try {
                workerStopped();
            } catch (Throwable t) {
                pipeline.fail(name, PipelineException.NO_ITEM, t);
            }
        }
    }

    /** Hook after each drained batch, outside the domain (queued sources move async emits). */
    void afterBatch() {}
}
