package dev.sluice;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * {@link Pipe#toPublisher}: a {@link Flow.Publisher} for one subscriber that honours demand.
 * Items wait in a buffer of {@code capacity} until requested; when it is full the upstream thread
 * blocks (backpressure). Delivery is serialized by a work-in-progress counter, so
 * {@code onNext} is never called concurrently nor re-entered from {@code request}.
 */
final class PublisherStage<T> extends Stage<T, Void> implements Flow.Publisher<T>, Flow.Subscription {
    private final int capacity;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<T> buffer = new ArrayDeque<>();
    private final AtomicInteger wip = new AtomicInteger();
    private Flow.Subscriber<? super T> subscriber;
    private long requested;
    private boolean cancelled;
    private Throwable error;
    private boolean completed;
    private boolean terminated;
    private long delivered;
    /** Markers waiting for the subscriber to take the items in front of them; guarded by lock. */
    private final ArrayDeque<Waiting> markers = new ArrayDeque<>();

    private record Waiting(Marker marker, long afterDelivered) {}

    PublisherStage(Stage<?, T> up, int capacity) {
        super(up.pipeline, "publisher-out", up.domain);
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public void subscribe(Flow.Subscriber<? super T> s) {
        lock.lock();
        boolean taken = subscriber != null;
        if (!taken) {
            subscriber = s;
        }
        lock.unlock();
        if (taken) {
            s.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {}

                @Override
                public void cancel() {}
            });
            s.onError(new IllegalStateException("this publisher allows one subscriber"));
            return;
        }
        s.onSubscribe(this);
        drain();
    }

    @Override
    void onNext(T item) {
        in++;
        lock.lock();
        try {
            while (!cancelled && buffer.size() >= capacity) {
                if (pipeline.isEnding()) {
                    throw Signal.CLOSED;
                }
                notFull.awaitNanos(10_000_000L); // bounded: cancellation does not take this lock
            }
            if (cancelled) {
                dropped++;
                return;
            }
            buffer.add(item);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Signal.CLOSED;
        } finally {
            lock.unlock();
        }
        drain();
    }

    @Override
    void beforeComplete() {
        lock.lock();
        completed = true;
        lock.unlock();
        drain();
    }

    @Override
    void failed(Throwable e) {
        lock.lock();
        error = e;
        lock.unlock();
        drain();
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            lock.lock();
            error = new IllegalArgumentException("§3.9: request must be positive, was " + n);
            buffer.clear();
            lock.unlock();
            drain();
            return;
        }
        lock.lock();
        requested = requested + n < 0 ? Long.MAX_VALUE : requested + n;
        lock.unlock();
        drain();
    }

    @Override
    public void cancel() {
        List<Marker> released;
        lock.lock();
        try {
            cancelled = true;
            dropped += buffer.size();
            buffer.clear();
            notFull.signalAll();
            released = takeReleased();
        } finally {
            lock.unlock();
        }
        released.forEach(Marker::arrived);
    }

    @Override
    void onMarker(Marker marker) {
        lock.lock();
        try {
            if (!cancelled && delivered < in) {
                markers.add(new Waiting(marker, in));
                return;
            }
        } finally {
            lock.unlock();
        }
        marker.arrived(); // a cancelled subscriber's items are dropped on purpose, like a filter's
    }

    /** The markers whose items the subscriber has taken; under lock. */
    private List<Marker> takeReleased() {
        List<Marker> out = List.of();
        while (!markers.isEmpty() && (cancelled || markers.peek().afterDelivered() <= delivered)) {
            if (out.isEmpty()) {
                out = new java.util.ArrayList<>(2);
            }
            out.add(markers.poll().marker());
        }
        return out;
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (true) {
                Flow.Subscriber<? super T> s;
                T item = null;
                Throwable failure = null;
                boolean complete = false;
                lock.lock();
                try {
                    s = subscriber;
                    if (s == null || cancelled || terminated) {
                        break;
                    }
                    if (error != null) {
                        terminated = true;
                        failure = error;
                    } else if (requested > 0 && !buffer.isEmpty()) {
                        item = buffer.poll();
                        requested--;
                        delivered++;
                        notFull.signal();
                    } else if (buffer.isEmpty() && completed) {
                        terminated = true;
                        complete = true;
                    } else {
                        break;
                    }
                } finally {
                    lock.unlock();
                }
                if (item != null) {
                    s.onNext(item);
                    List<Marker> released;
                    lock.lock();
                    try {
                        released = takeReleased();
                    } finally {
                        lock.unlock();
                    }
                    released.forEach(Marker::arrived);
                } else if (failure != null) {
                    s.onError(failure);
                } else if (complete) {
                    s.onComplete();
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    @Override
    void onCancel() {
        lock.lock();
        try {
            notFull.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    int depth() {
        lock.lock();
        try {
            out = delivered;
            return buffer.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    String notCheckpointable() {
        return "a publisher holds items until they are requested, which a checkpoint does not keep yet";
    }
}
