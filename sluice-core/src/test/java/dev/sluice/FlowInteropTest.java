package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.adapter.JdkFlowAdapter;
import reactor.core.publisher.Flux;

/** Flow.Publisher in and out, with Reactor as the real third-party peer. */
class FlowInteropTest {

    @Test
    void reactorFluxIn_reactorFluxOut() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Flow.Publisher<Integer> numbers = JdkFlowAdapter.publisherToFlowPublisher(Flux.range(1, 1000));
        Flow.Publisher<Integer> doubled = p.fromPublisher("numbers", numbers, 32).map(x -> x * 2).toPublisher(16);
        p.start();
        List<Integer> out = JdkFlowAdapter.flowPublisherToFlux(doubled).collectList().block();
        p.await();
        assertEquals(1000, out.size());
        assertEquals(2, out.get(0));
        assertEquals(2000, out.get(999));
    }

    @Test
    void fromPublisher_neverHasMoreThanPrefetchOutstanding() throws Exception {
        AtomicLong requested = new AtomicLong();
        AtomicLong maxOutstanding = new AtomicLong();
        AtomicLong delivered = new AtomicLong();
        Flux<Integer> flux = Flux.range(0, 10_000).doOnRequest(requested::addAndGet).doOnNext(x -> {
            long outstanding = requested.get() - delivered.incrementAndGet() + 1;
            maxOutstanding.accumulateAndGet(outstanding, Math::max);
        });
        Pipeline p = Sluice.pipeline().build();
        AtomicLong count = new AtomicLong();
        p.fromPublisher("flux", JdkFlowAdapter.publisherToFlowPublisher(flux), 64).sink(x -> count.incrementAndGet());
        p.start();
        p.await();
        assertEquals(10_000, count.get());
        assertTrue(maxOutstanding.get() <= 64, "outstanding demand " + maxOutstanding.get());
    }

    @Test
    void toPublisher_deliversOnlyWhatWasRequested_andBlocksUpstreamWhenFull() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Integer> source = p.source("in", 4);
        Flow.Publisher<Integer> publisher = source.toPublisher(2);
        List<Integer> got = Collections.synchronizedList(new ArrayList<>());
        AtomicReference<Flow.Subscription> subscription = new AtomicReference<>();
        CountDownLatch twoArrived = new CountDownLatch(2);
        CountDownLatch done = new CountDownLatch(1);
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.set(s);
            }

            @Override
            public void onNext(Integer item) {
                got.add(item);
                twoArrived.countDown();
            }

            @Override
            public void onError(Throwable t) {}

            @Override
            public void onComplete() {
                done.countDown();
            }
        });
        for (int i = 0; i < 6; i++) {
            source.emit(i); // 2 wait in the publisher, 1 blocks the source thread, 3 wait in the source queue
        }
        assertEquals(List.of(), got, "no demand, no delivery");
        subscription.get().request(2);
        twoArrived.await();
        assertEquals(List.of(0, 1), got);
        source.complete();
        subscription.get().request(Long.MAX_VALUE);
        done.await();
        p.await();
        assertEquals(List.of(0, 1, 2, 3, 4, 5), got);
    }

    @Test
    void toPublisher_secondSubscriberIsRefused() throws Exception {
        Source<Integer> source = Sluice.source();
        Flow.Publisher<Integer> publisher = source.toPublisher(4);
        JdkFlowAdapter.flowPublisherToFlux(publisher).subscribe();
        AtomicReference<Throwable> refused = new AtomicReference<>();
        JdkFlowAdapter.flowPublisherToFlux(publisher).subscribe(x -> {}, refused::set);
        assertTrue(refused.get() instanceof IllegalStateException);
        source.complete();
        source.pipeline().await();
    }
}
