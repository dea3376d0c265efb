package dev.sluice;

import dev.sluice.time.Cancellable;
import dev.sluice.time.Clock;
import dev.sluice.time.Scheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline: registry of stages, owner of threads and timers, and the state machine.
 *
 * <p>It ends when every stage has completed and every thread has exited (COMPLETED), or, after a
 * failure or cancellation, when every thread has exited. {@link #await()} also joins the threads
 * and closes the timer, so once it returns nothing of the pipeline is running.
 */
final class PipelineImpl implements Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    final String pipelineName;
    private final Clock clock;
    private final ThreadMode threadMode;
    final int defaultCapacity;
    final Duration logjamAfter;
    private final Duration closeGrace;

    private final List<Stage<?, ?>> stages = new CopyOnWriteArrayList<>();
    private final Map<String, Stage<?, ?>> byName = new HashMap<>();
    private final Map<String, Integer> kindCounters = new HashMap<>();
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private final AtomicInteger liveStages = new AtomicInteger();
    private final AtomicInteger liveThreads = new AtomicInteger();
    private final AtomicReference<PipelineState> state = new AtomicReference<>(PipelineState.CREATED);
    private final AtomicReference<PipelineException> failure = new AtomicReference<>();
    private final CountDownLatch ended = new CountDownLatch(1);
    private volatile Scheduler scheduler;
    private volatile boolean ending;
    /**
     * True while the pipeline is running and takes items: one volatile read on the hot path of
     * every emit, instead of the four the full check needs. Cleared before any stop, failure or
     * end takes effect; when false, the full check decides.
     */
    private volatile boolean accepting;
    private boolean finishing;

    PipelineImpl(PipelineBuilder b) {
        this.pipelineName = b.name;
        this.clock = b.clock;
        this.threadMode = b.threads;
        this.defaultCapacity = b.queueCapacity;
        this.logjamAfter = b.logjamAfter;
        this.closeGrace = b.closeGrace;
        this.checkpointer = b.checkpoints == null ? null : new Checkpointer(b.checkpoints, b.checkpointInterval);
    }

    /** The pipeline's checkpoints, or null without. */
    private final Checkpointer checkpointer;
    private boolean restored;

    boolean checkpointing() {
        return checkpointer != null;
    }

    /**
     * Whether stages keep what they hold when their input completes, instead of emitting it: on a
     * graceful stop of a checkpointing pipeline the state goes into the final checkpoint, and a
     * restart goes on with it (open windows are not fired half full).
     */
    boolean keepsStateOnStop() {
        return checkpointer != null && state.get() == PipelineState.STOPPING;
    }

    Checkpointer checkpointer() {
        return checkpointer;
    }

    @Override
    public java.util.OptionalLong lastCheckpoint() {
        return checkpointer == null ? java.util.OptionalLong.empty() : checkpointer.lastCommitted();
    }

    // ------------------------------------------------------------------ building

    @Override
    public <T> Source<T> source(String name) {
        return named(new SourceStage<T>(this), name);
    }

    @Override
    public <T> Source<T> source(String name, int capacity) {
        return named(new QueuedSourceStage<T>(this, capacity), name);
    }

    @Override
    public <T> Pipe<T> fromIterable(String name, Iterable<? extends T> items) {
        Objects.requireNonNull(items, "items");
        if (items instanceof java.util.Collection<? extends T> c) {
            return named(new GeneratorStage<>(this, c), name);
        }
        Generator<T> g = (ctx, out) -> {
            for (T item : items) {
                if (!ctx.active()) {
                    return;
                }
                out.emit(item);
            }
        };
        return named(new GeneratorStage<>(this, "iterable", g, false), name);
    }

    @Override
    public <T> Pipe<T> generate(String name, Generator<T> generator) {
        return named(new GeneratorStage<>(this, "generator", generator, false), name);
    }

    @Override
    public <T> Pipe<T> fromPublisher(String name, Flow.Publisher<? extends T> publisher, int prefetch) {
        return named(new PublisherSourceStage<T>(this, publisher, prefetch), name);
    }

    @Override
    public <I, O> Node<I, O> node(String name, Processor<I, O> processor) {
        return node(name, processor, defaultCapacity);
    }

    @Override
    public <I, O> Node<I, O> node(String name, Processor<I, O> processor, int capacity) {
        return named(new NodeStage<>(this, null, processor, capacity), name);
    }

    private <S extends Stage<?, ?>> S named(S stage, String name) {
        if (name != null) {
            stage.name = checkName(name);
        }
        install(stage);
        return stage;
    }

    synchronized void install(Stage<?, ?> stage) {
        if (state.get().isTerminal()) {
            throw new IllegalStateException("pipeline '" + pipelineName + "' has ended; build a new one");
        }
        if (stage.name == null) {
            int n = kindCounters.merge(stage.kind, 1, Integer::sum);
            String candidate = stage.kind + "-" + n;
            while (byName.containsKey(candidate)) {
                n = kindCounters.merge(stage.kind, 1, Integer::sum);
                candidate = stage.kind + "-" + n;
            }
            stage.name = candidate;
        }
        byName.put(stage.name, stage);
        stages.add(stage);
        liveStages.incrementAndGet();
        if (state.get() == PipelineState.RUNNING || state.get() == PipelineState.STOPPING) {
            stage.onStart();
        }
    }

    private String checkName(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("node name must not be blank");
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("a node named '" + name + "' already exists in pipeline '"
                    + pipelineName + "'");
        }
        return name;
    }

    synchronized void rename(Stage<?, ?> stage, String name) {
        Objects.requireNonNull(name, "name");
        if (name.equals(stage.name)) {
            return;
        }
        checkName(name);
        byName.remove(stage.name);
        stage.name = name;
        byName.put(name, stage);
    }

    void checkWiring(Stage<?, ?> parent, Stage<?, ?> child) {
        if (child.pipeline != this || parent.pipeline != this) {
            throw new IllegalArgumentException("cannot connect nodes of different pipelines");
        }
        if (state.get().isTerminal()) {
            throw new IllegalStateException("pipeline '" + pipelineName + "' has ended");
        }
    }

    // ------------------------------------------------------------------ threads and timers

    Thread startThread(Stage<?, ?> stage, Runnable body) {
        String threadName = "sluice-" + pipelineName + "-" + stage.name;
        Runnable wrapped = () -> {
            try {
                body.run();
            } finally {
                liveThreads.decrementAndGet();
                maybeEnd();
            }
        };
        Thread t = threadMode == ThreadMode.VIRTUAL
                ? Thread.ofVirtual().name(threadName).unstarted(wrapped)
                : Thread.ofPlatform().name(threadName).daemon(false).unstarted(wrapped);
        liveThreads.incrementAndGet();
        threads.add(t);
        t.start();
        return t;
    }

    Cancellable schedule(Duration delay, Runnable task) {
        Scheduler s = scheduler;
        if (s == null) {
            synchronized (this) {
                s = scheduler;
                if (s == null) {
                    String timerName = "sluice-" + pipelineName + "-timer";
                    s = clock.newScheduler(r -> Thread.ofPlatform().name(timerName).daemon(true).unstarted(r));
                    scheduler = s;
                }
            }
        }
        try {
            return s.schedule(delay, task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw Signal.CLOSED; // the pipeline ended meanwhile
        }
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public Pipeline start() {
        synchronized (this) {
            if (checkpointer != null && !restored && state.get() == PipelineState.CREATED) {
                checkpointer.restore(stages); // before anything runs; a pipeline that cannot be restored does not start
                restored = true;
            }
        }
        if (state.compareAndSet(PipelineState.CREATED, PipelineState.RUNNING)) {
            accepting = true;
            for (Stage<?, ?> s : stages) {
                s.prepare();
            }
            for (Stage<?, ?> s : stages) {
                if (!s.feedsTheGraph()) {
                    s.onStart();
                }
            }
            for (Stage<?, ?> s : stages) {
                if (s.feedsTheGraph()) {
                    s.onStart(); // last: everything they feed has started
                }
            }
        }
        return this;
    }

    void ensureStarted() {
        if (state.get() == PipelineState.CREATED) {
            start();
        }
    }

    void checkAccepting(Stage<?, ?> source, boolean completed) {
        if (accepting && !completed) {
            return;
        }
        ensureStarted();
        PipelineException f = failure.get();
        if (f != null) {
            throw f;
        }
        if (completed || ending || state.get() != PipelineState.RUNNING) {
            throw closedException(source);
        }
    }

    IllegalStateException closedException(Stage<?, ?> source) {
        PipelineException f = failure.get();
        if (f != null) {
            return new IllegalStateException("source '" + source.name + "' refused the item: the pipeline failed", f);
        }
        return new IllegalStateException("source '" + source.name + "' is closed (pipeline "
                + state.get().name().toLowerCase() + ")");
    }

    @Override
    public void stop() {
        start();
        if (!state.compareAndSet(PipelineState.RUNNING, PipelineState.STOPPING)) {
            return;
        }
        accepting = false;
        for (Stage<?, ?> s : stages) {
            try {
                if (s instanceof SourceStage<?> src) {
                    src.stopGracefully();
                } else if (s instanceof QueuedSourceStage<?> q) {
                    q.complete();
                } else if (s instanceof GeneratorStage<?> g) {
                    g.stopGracefully();
                } else if (s instanceof PublisherSourceStage<?> p) {
                    p.stopGracefully();
                } else if (s instanceof ThreadedStage<?, ?> orphan && orphan.inputs.isEmpty()) {
                    orphan.onComplete(); // a node nothing feeds: nothing more can come
                }
            } catch (Signal | PipelineException e) {
                // ending anyway
            }
        }
        maybeEnd();
    }

    @Override
    public void cancel() {
        if (setHardEnd(PipelineState.CANCELLED)) {
            LOG.debug("pipeline '{}' cancelled", pipelineName);
        }
    }

    /** Records the first failure and cancels everything; returns the first failure. */
    PipelineException fail(String node, Object item, Throwable error) {
        if (error instanceof PipelineException p) {
            return p;
        }
        if (state.get() == PipelineState.CANCELLED) {
            throw Signal.CLOSED; // errors caused by the cancellation itself are not failures
        }
        PipelineException candidate = new PipelineException(node, item, error);
        accepting = false;
        if (failure.compareAndSet(null, candidate)) {
            LOG.error("pipeline '{}' failed: {}", pipelineName, candidate.getMessage(), error);
            setHardEnd(PipelineState.FAILED);
        }
        return failure.get();
    }

    private boolean setHardEnd(PipelineState target) {
        accepting = false;
        PipelineState current;
        do {
            current = state.get();
            if (current.isTerminal() && !(target == PipelineState.FAILED && current == PipelineState.COMPLETED)) {
                return false;
            }
        } while (!state.compareAndSet(current, target));
        ending = true;
        for (Stage<?, ?> s : stages) {
            s.onCancel();
        }
        Thread me = Thread.currentThread();
        for (Thread t : threads) {
            if (t != me) {
                t.interrupt();
            }
        }
        Scheduler s = scheduler;
        if (s != null) {
            s.close();
        }
        maybeEnd();
        return true;
    }

    void stageDone(Stage<?, ?> stage) {
        liveStages.decrementAndGet();
        maybeEnd();
    }

    private void maybeEnd() {
        if (ended.getCount() == 0 || liveThreads.get() > 0) {
            return;
        }
        PipelineState s = state.get();
        boolean hard = s == PipelineState.FAILED || s == PipelineState.CANCELLED;
        if (!hard && liveStages.get() > 0) {
            return;
        }
        synchronized (this) {
            if (ended.getCount() == 0 || finishing) {
                return; // finishing: re-entered from a stage ended below
            }
            if (!hard) {
                if (!state.compareAndSet(PipelineState.RUNNING, PipelineState.COMPLETED)
                        && !state.compareAndSet(PipelineState.STOPPING, PipelineState.COMPLETED)
                        && !state.compareAndSet(PipelineState.CREATED, PipelineState.COMPLETED)) {
                    if (!state.get().isTerminal()) {
                        return;
                    }
                }
            }
            if (!hard && checkpointer != null) {
                try {
                    checkpointer.commitFinal(stages); // what completion flushed, and the state it left
                } catch (Exception | Error e) {
                    failure.compareAndSet(null, new PipelineException("checkpoints", PipelineException.NO_ITEM, e));
                    state.set(PipelineState.FAILED);
                }
            }
            accepting = false;
            ending = true;
            finishing = true;
            Scheduler sch = scheduler;
            if (sch != null) {
                sch.close();
            }
            // No node thread runs any more: end what is left, telling sinks of a failure.
            PipelineException f = failure.get();
            for (Stage<?, ?> stage : stages) {
                try {
                    if (f != null) {
                        stage.failDown(f);
                    } else {
                        stage.endSilently();
                    }
                    stage.afterEnd();
                } catch (RuntimeException e) {
                    LOG.warn("node '{}' failed while ending", stage.name, e);
                }
            }
            if (checkpointer != null) {
                try {
                    checkpointer.store().close();
                } catch (Exception e) {
                    LOG.warn("pipeline '{}': closing its checkpoint store failed", pipelineName, e);
                }
            }
            ended.countDown();
        }
    }

    @Override
    public void await() throws InterruptedException {
        ended.await();
        joinAll();
        throwIfFailed();
    }

    @Override
    public boolean await(Duration timeout) throws InterruptedException {
        if (!ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
            return false;
        }
        joinAll();
        throwIfFailed();
        return true;
    }

    private void joinAll() throws InterruptedException {
        Thread me = Thread.currentThread();
        for (Thread t : threads) {
            if (t != me) {
                t.join();
            }
        }
        Scheduler s = scheduler;
        if (s != null) {
            s.close();
        }
    }

    private void throwIfFailed() {
        PipelineException f = failure.get();
        if (f != null) {
            throw f;
        }
    }

    @Override
    public void close() {
        try {
            if (!state.get().isTerminal()) {
                stop();
                boolean drained;
                try {
                    drained = await(closeGrace);
                } catch (PipelineException failedMeanwhile) {
                    drained = true; // ended by its failure, which failure() reports: close() does not throw it
                }
                if (!drained) {
                    LOG.warn("pipeline '{}' did not drain within {}; cancelling", pipelineName, closeGrace);
                    cancel();
                }
            }
            ended.await();
            joinAll();
        } catch (InterruptedException e) {
            cancel();
            Thread.currentThread().interrupt();
        }
    }

    boolean isEnding() {
        return ending;
    }

    @Override
    public PipelineState state() {
        return state.get();
    }

    @Override
    public Throwable failure() {
        return failure.get();
    }

    @Override
    public Clock clock() {
        return clock;
    }

    List<Stage<?, ?>> stages() {
        return stages;
    }

    // ------------------------------------------------------------------ monitoring

    @Override
    public PipelineSnapshot snapshot() {
        Map<Stage<?, ?>, List<Stage<?, ?>>> children = new HashMap<>();
        for (Stage<?, ?> s : stages) {
            for (Stage<?, ?> input : s.inputs) {
                children.computeIfAbsent(input, k -> new ArrayList<>()).add(s);
            }
        }
        long threshold = logjamAfter.toNanos();
        List<NodeSnapshot> nodes = new ArrayList<>(stages.size());
        for (Stage<?, ?> s : stages) {
            int depth = s.depth();
            BoundedQueue q = s.queue();
            boolean full = q != null && isJammed(q, threshold);
            boolean logjam = full && !anyDownstreamQueueFull(s, children, threshold);
            boolean stuck = s instanceof ThreadedStage<?, ?> t && t.isThreaded() && !s.done && depth > 0
                    && t.idleForNanos() > threshold;
            nodes.add(new NodeSnapshot(s.name, s.kind, s.inputs.stream().map(i -> i.name).toList(),
                    s.received(), s.emitted(), s.errors, s.skipped, s.retried, s.deadLettered, s.dropped,
                    depth, q == null ? 0 : q.capacity(), s.busyNanos(), logjam, stuck, s.done));
        }
        return new PipelineSnapshot(state.get(), List.copyOf(nodes), Optional.ofNullable(failure.get()));
    }

    /** Full now, and producers have found it full without a break for longer than the threshold. */
    private static boolean isJammed(BoundedQueue q, long threshold) {
        return q.size() >= q.capacity() && q.fullForNanos() > threshold;
    }

    /** True if a queue reached through this stage's synchronous descendants is full too. */
    private static boolean anyDownstreamQueueFull(Stage<?, ?> stage, Map<Stage<?, ?>, List<Stage<?, ?>>> children,
            long threshold) {
        for (Stage<?, ?> child : children.getOrDefault(stage, List.of())) {
            BoundedQueue q = child.queue();
            if (q != null) {
                if (isJammed(q, threshold)) {
                    return true;
                }
            } else if (anyDownstreamQueueFull(child, children, threshold)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "Pipeline[" + pipelineName + ", " + state.get() + ", " + stages.size() + " nodes]";
    }
}
