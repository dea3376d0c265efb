package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Nodes on their own threads: DAG wiring, backpressure outcomes, lifecycle, no leaked threads. */
class ThreadedPipelineTest {

    @ParameterizedTest
    @EnumSource(ThreadMode.class)
    void dag_fanOutAndFanIn_deliversEveryItemOnce(ThreadMode mode) throws Exception {
        Pipeline p = Sluice.pipeline().threads(mode).queueCapacity(16).build();
        Pipe<Long> numbers = p.fromIterable("numbers", LongStream.rangeClosed(1, 10_000).boxed().toList());
        Node<Long, Long> evens = p.node("evens", (Long x, Emitter<Long> out) -> {
            if (x % 2 == 0) {
                out.emit(x);
            }
        });
        Node<Long, Long> odds = p.node("odds", (Long x, Emitter<Long> out) -> {
            if (x % 2 == 1) {
                out.emit(x);
            }
        });
        Node<Long, Long> merge = p.node("merge", (Long x, Emitter<Long> out) -> out.emit(x));
        numbers.to(evens).to(merge);
        numbers.to(odds).to(merge);
        AtomicLong sum = new AtomicLong();
        AtomicLong count = new AtomicLong();
        merge.sink(x -> {
            sum.addAndGet(x);
            count.incrementAndGet();
        });
        p.start();
        p.await();
        assertEquals(10_000, count.get());
        assertEquals(10_000L * 10_001 / 2, sum.get());
        assertEquals(List.of("evens", "odds"), merge.inputs());
        assertEquals(PipelineState.COMPLETED, p.state());
    }

    @Test
    void queuedSource_tryEmit_reportsFullInsteadOfBlocking() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Integer> source = p.source("in", 2);
        CountDownLatch sinkEntered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        source.sink(x -> {
            sinkEntered.countDown();
            await(release);
            seen.add(x);
        });
        assertEquals(EmitResult.ACCEPTED, source.tryEmit(1));
        sinkEntered.await(); // the worker holds item 1 inside the sink
        assertEquals(EmitResult.ACCEPTED, source.tryEmit(2));
        assertEquals(EmitResult.ACCEPTED, source.tryEmit(3));
        assertEquals(EmitResult.FULL, source.tryEmit(4));
        CompletableFuture<Void> later = source.emitAsync(5);
        assertFalse(later.isDone(), "accepted only when there is room");
        assertEquals(EmitResult.FULL, source.tryEmit(6), "async emits keep their place in line");
        release.countDown();
        later.get();
        source.complete();
        p.await();
        assertEquals(List.of(1, 2, 3, 5), seen);
        assertEquals(EmitResult.CLOSED, source.tryEmit(7));
        assertThrows(ExecutionException.class, () -> source.emitAsync(8).get());
    }

    @Test
    void queuedSource_manyProducers_noItemLostOrDuplicated() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Integer> source = p.source("in", 8);
        boolean[] seen = new boolean[4 * 5_000];
        AtomicLong duplicates = new AtomicLong();
        source.buffer(4).sink(x -> {
            if (seen[x]) {
                duplicates.incrementAndGet();
            }
            seen[x] = true;
        });
        p.start();
        CyclicBarrier go = new CyclicBarrier(4);
        List<Thread> producers = IntStream.range(0, 4).mapToObj(t -> Thread.ofPlatform().start(() -> {
            await(go);
            for (int i = 0; i < 5_000; i++) {
                source.emit(t * 5_000 + i);
            }
        })).toList();
        for (Thread t : producers) {
            t.join();
        }
        source.complete();
        p.await();
        assertEquals(0, duplicates.get());
        for (int i = 0; i < seen.length; i++) {
            assertTrue(seen[i], "item " + i + " arrived");
        }
    }

    @Test
    void stop_drainsItemsAlreadyQueued() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Integer> source = p.source("in", 100);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        source.map(x -> x * 10).buffer(100).sink(x -> {
            await(release);
            seen.add(x);
        });
        for (int i = 0; i < 50; i++) {
            source.emit(i);
        }
        p.stop();
        assertThrows(IllegalStateException.class, () -> source.emit(99), "a stopping source refuses items");
        release.countDown();
        p.await();
        assertEquals(50, seen.size());
        assertEquals(PipelineState.COMPLETED, p.state());
    }

    @Test
    void cancel_unblocksAProducerWaitingOnAFullQueue() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Integer> source = p.source("in");
        CountDownLatch never = new CountDownLatch(1);
        source.buffer(1).sink(x -> await(never));
        CountDownLatch blocked = new CountDownLatch(1);
        CompletableFuture<Throwable> producer = CompletableFuture.supplyAsync(() -> {
            try {
                for (int i = 0; ; i++) {
                    if (i == 2) {
                        blocked.countDown(); // item 0 in the sink, 1 queued: 2 must wait
                    }
                    source.emit(i);
                }
            } catch (RuntimeException e) {
                return e;
            }
        });
        blocked.await();
        p.cancel();
        Throwable t = producer.get();
        assertTrue(t instanceof IllegalStateException, String.valueOf(t));
        p.await();
        assertEquals(PipelineState.CANCELLED, p.state());
    }

    @Test
    void failureOnANodeThread_reachesAwaitWithNodeAndItem() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        List<Throwable> sinkErrors = Collections.synchronizedList(new ArrayList<>());
        p.fromIterable("numbers", List.of(1, 2, 3, 4))
                .buffer(4)
                .map(x -> 10 / (x - 3))
                .named("divide")
                .sink(x -> {})
                .onError(sinkErrors::add);
        p.start();
        PipelineException e = assertThrows(PipelineException.class, p::await);
        assertEquals("divide", e.node());
        assertEquals(3, e.item());
        assertTrue(e.getCause() instanceof ArithmeticException);
        assertEquals(List.of(e), sinkErrors);
        assertEquals(PipelineState.FAILED, p.state());
    }

    @Test
    void close_stopsAnInfiniteGeneratorAndJoinsItsThread() {
        Pipeline p = Sluice.pipeline().build();
        AtomicLong produced = new AtomicLong();
        CountDownLatch running = new CountDownLatch(100);
        p.generate("forever", (ctx, out) -> {
            long i = 0;
            while (ctx.active()) {
                out.emit(i++);
            }
        }).buffer(8).sink(x -> {
            produced.incrementAndGet();
            running.countDown();
        });
        p.start();
        await(running);
        p.close();
        assertEquals(PipelineState.COMPLETED, p.state());
        assertTrue(produced.get() >= 100);
    }

    @Test
    void processorHooks_runOnTheNodeThreadInOrder() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Node<String, String> node = p.node("upper", new Processor<String, String>() {
            @Override
            public void onStart(NodeContext ctx) {
                events.add("start:" + ctx.name() + ":" + Thread.currentThread().getName());
            }

            @Override
            public void process(String item, Emitter<String> out) {
                out.emit(item.toUpperCase());
            }

            @Override
            public void onComplete(Emitter<String> out) {
                out.emit("END");
            }

            @Override
            public void onStop() {
                events.add("stop");
            }
        });
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        p.fromIterable("words", List.of("a", "b")).to(node).sink(out::add);
        p.start();
        p.await();
        assertEquals(List.of("A", "B", "END"), out);
        assertEquals(List.of("start:upper:sluice-pipeline-upper", "stop"), events);
    }

    @Test
    void emitIntoAFailedPipeline_throwsTheFailure() {
        Source<Integer> source = Sluice.source();
        source.map(x -> 1 / x).sink(x -> {});
        PipelineException first = assertThrows(PipelineException.class, () -> source.emit(0));
        PipelineException again = assertThrows(PipelineException.class, () -> source.emit(1));
        assertEquals(first, again);
        assertNotNull(source.pipeline().failure());
    }

    static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Workers hand their outputs to the next queue in batches: order, completeness and the end survive. */
    @Test
    void workerToWorkerHops_areBatched_inOrder_andEndAfterTheLastItem() throws Exception {
        List<Long> seen = new ArrayList<>();
        try (Pipeline p = Sluice.pipeline().build()) {
            Source<Long> source = p.source("in");
            Pipe<Long> second = source.buffer(8).map(x -> x + 1).buffer(8);
            second.buffer(8).sink(seen::add); // a third hop, fed by the second worker in batches too
            ThreadedStage<?, ?> hop = (ThreadedStage<?, ?>) second;
            p.start();
            assertTrue(hop.batchesFromProducer(), "the second queue is fed in batches");
            for (long i = 0; i < 100_000; i++) {
                source.emit(i);
            }
            source.complete();
            p.await();
        }
        assertEquals(100_000, seen.size());
        for (int i = 0; i < seen.size(); i++) {
            assertEquals(i + 1L, seen.get(i));
        }
    }

    @Test
    void fromIterable_aCollectionIsHandedOverInBatches_otherIterablesItemByItem() throws Exception {
        List<Long> numbers = java.util.stream.LongStream.range(0, 10_000).boxed().toList();
        Iterable<Long> lazy = () -> numbers.iterator(); // not a collection: its iterator might block
        for (Iterable<Long> items : List.of(numbers, lazy)) {
            List<Long> seen = new ArrayList<>();
            Pipeline p = Sluice.pipeline().build();
            Pipe<Long> hop = p.fromIterable("numbers", items).map(x -> x * 2).buffer(16);
            hop.sink(seen::add);
            p.start();
            p.await();
            assertEquals(items == numbers, ((ThreadedStage<?, ?>) hop).batchesFromProducer());
            assertEquals(numbers.stream().map(x -> x * 2).toList(), seen);
        }
    }

    /** A collection as large as an int allows: only a stop ends the walk. */
    private static List<Integer> endless() {
        return new java.util.AbstractList<>() {
            @Override
            public Integer get(int index) {
                return index;
            }

            @Override
            public int size() {
                return Integer.MAX_VALUE;
            }
        };
    }

    /**
     * A collection is walked in chunks, looking for a stop between them: a stop from inside the
     * pipeline ends the walk within a chunk, and what was walked completes in order.
     */
    @Test
    void fromIterable_aCollection_stopsWithinAChunk_andCompletesWhatItWalked() throws Exception {
        List<Integer> seen = new ArrayList<>();
        CountDownLatch completed = new CountDownLatch(1);
        Pipeline p = Sluice.pipeline().build();
        p.fromIterable("endless", endless()).map(x -> x + 1).sink(x -> {
            seen.add(x);
            if (x == 10) {
                p.stop(); // on the source's own thread: takes effect at the end of the chunk
            }
        }).onComplete(completed::countDown);
        p.start();
        p.await();
        await(completed);
        assertEquals(PipelineState.COMPLETED, p.state());
        assertTrue(seen.size() >= 10 && seen.size() <= 1024, "stopped within a chunk: " + seen.size());
        assertEquals(IntStream.rangeClosed(1, seen.size()).boxed().toList(), seen);
    }

    @Test
    void fromIterable_aCollection_isCancelledThroughTheQueueBelow() throws Exception {
        CountDownLatch running = new CountDownLatch(5_000);
        AtomicLong taken = new AtomicLong();
        Pipeline p = Sluice.pipeline().build();
        p.fromIterable("endless", endless()).buffer(64).sink(x -> {
            taken.incrementAndGet();
            running.countDown();
        });
        p.start();
        await(running);
        p.cancel();
        p.await();
        assertEquals(PipelineState.CANCELLED, p.state());
        assertTrue(taken.get() >= 5_000);
    }

    @Test
    void fromIterable_aNullInACollection_failsThePipeline_afterTheItemsBeforeIt() {
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        Pipeline p = Sluice.pipeline().build();
        p.fromIterable("holes", java.util.Arrays.asList(1, 2, null, 4)).named("holes").buffer(4).sink(seen::add);
        p.start();
        PipelineException e = assertThrows(PipelineException.class, p::await);
        assertEquals("holes", e.node());
        assertTrue(e.getCause() instanceof NullPointerException, String.valueOf(e.getCause()));
        assertTrue(e.getCause().getMessage().contains("null item"), e.getCause().getMessage());
        assertEquals(PipelineState.FAILED, p.state());
        assertFalse(seen.contains(4));
    }

    /**
     * A collection's items are staged in the queue below and published in batches, but a consumer
     * that waits gets an item at once: here the map holds item 2 until the sink has item 1.
     */
    @Test
    void fromIterable_aWaitingConsumerGetsAStagedItemWithoutWaitingForTheBatch() throws Exception {
        CountDownLatch sinkHasOne = new CountDownLatch(1);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        Pipeline p = Sluice.pipeline().build();
        ThreadedStage<?, ?>[] hop = new ThreadedStage<?, ?>[1];
        Pipe<Integer> buffered = p.fromIterable("two", List.of(1, 2)).map(x -> {
            if (x == 1) {
                while (hop[0].queue().waitingConsumer == null) {
                    Thread.onSpinWait(); // the sink's thread waits for its first item
                }
            } else {
                await(sinkHasOne);
            }
            return x;
        }).buffer(8);
        hop[0] = (ThreadedStage<?, ?>) buffered;
        buffered.sink(x -> {
            seen.add(x);
            sinkHasOne.countDown();
        });
        p.start();
        p.await();
        assertEquals(List.of(1, 2), seen);
    }

    /** close() is documented not to throw the failure, also when the pipeline fails while it drains. */
    @Test
    void close_doesNotThrow_whenThePipelineFailsWhileDraining() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Pipeline p = Sluice.pipeline().build();
        p.fromIterable("one", List.of(1)).to(p.node("fails", (Integer x, Emitter<Integer> out) -> {
            entered.countDown();
            release.await();
            throw new IllegalStateException("boom");
        }));
        p.start();
        entered.await();
        Thread releaser = Thread.ofPlatform().name("sluice-test-releaser").start(() -> {
            while (p.state() == PipelineState.RUNNING) {
                Thread.onSpinWait(); // until close() has asked the pipeline to stop
            }
            release.countDown();
        });
        p.close();
        releaser.join();
        assertEquals(PipelineState.FAILED, p.state());
        assertTrue(p.failure().getMessage().contains("boom"), p.failure().getMessage());
    }

    /**
     * A finite generator that has emitted everything and waits to put its end marker into a full
     * queue when stop() comes: the stop must not interrupt it there, or the end is lost and the
     * pipeline never completes.
     */
    @Test
    void stop_whileAGeneratorPutsItsEndIntoAFullQueue_stillCompletes() throws Exception {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        Pipeline p = Sluice.pipeline().name("endless").build();
        Node<Integer, Integer> slow = holdingNode(p, "slow", holding, release, seen);
        p.fromIterable("four", List.of(1, 2, 3, 4)).to(slow);
        p.start();
        holding.await(); // the node took 1 (and maybe 2) and holds 1; its queue fills: the generator has to wait
        Thread generator = parkedOnFullQueue("sluice-endless-four", slow);
        // If the node took 1 and 2, the generator waits to put its end. If it took only 1, the
        // generator waits with item 4 instead, which a stop rightly drops (it interrupts
        // generating). Nothing moves while the node holds 1, so the stack is stable.
        boolean puttingTheEnd = java.util.Arrays.stream(generator.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(ThreadedStage.class.getName())
                        && f.getMethodName().equals("onComplete"));
        p.stop();
        release.countDown();
        assertTrue(p.await(java.time.Duration.ofSeconds(30)), "the pipeline completed");
        assertEquals(puttingTheEnd ? List.of(1, 2, 3, 4) : List.of(1, 2, 3), seen);
        assertEquals(PipelineState.COMPLETED, p.state());
    }

    /**
     * A node with a queue of 2 that, on its first item, counts {@code holding} down and waits for
     * {@code release}; it adds what it takes to {@code seen}.
     */
    static Node<Integer, Integer> holdingNode(Pipeline p, String name, CountDownLatch holding, CountDownLatch release,
            List<Integer> seen) {
        return p.node(name, (Integer x, Emitter<Integer> out) -> {
            holding.countDown();
            release.await();
            seen.add(x);
        }, 2);
    }

    /**
     * Finds the thread named {@code threadName} and waits until it is parked on the node's queue,
     * full of published items: stable while the node holds its item. Parked on a queue the node
     * has just made room in, the thread is about to move on, and its stack says nothing yet.
     */
    static Thread parkedOnFullQueue(String threadName, Node<?, ?> node) {
        BoundedQueue queue = ((ThreadedStage<?, ?>) node).queue();
        Thread thread = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(threadName)).findFirst().orElseThrow(() -> new AssertionError(
                        Thread.getAllStackTraces().keySet().stream().map(Thread::getName).sorted().toList()));
        while (thread.getState() != Thread.State.WAITING || queue.waitingProducer != thread
                || queue.size() < queue.capacity()) {
            Thread.onSpinWait();
        }
        return thread;
    }

    /** Generators start last: no item reaches a node whose onStart (open a file, connect) has not finished. */
    @Test
    void generatorsStartAfterTheNodesTheyFeed() throws Exception {
        CountDownLatch inOnStart = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        Pipeline p = Sluice.pipeline().name("order").build();
        p.fromIterable("gen", List.of(1, 2)).process(new Processor<Integer, Integer>() {
            @Override
            public void onStart(NodeContext context) throws Exception {
                inOnStart.countDown();
                release.await();
                events.add("started");
            }

            @Override
            public void process(Integer item, Emitter<Integer> out) {
                events.add("item " + item);
            }
        });
        Thread starter = Thread.ofPlatform().name("sluice-test-starter").start(p::start);
        inOnStart.await(); // the inline node is starting, on the starter thread
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().equals("sluice-order-gen")),
                "the generator's thread must not run yet");
        release.countDown();
        starter.join();
        p.await();
        assertEquals(List.of("started", "item 1", "item 2"), events);
    }
}
