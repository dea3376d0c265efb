package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

class SystemClockTest {

    @Test
    void await_endsWhenSignalled_longBeforeItsTimeout() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Condition condition = lock.newCondition();
        AtomicBoolean returned = new AtomicBoolean();
        Thread waiter = Thread.ofPlatform().start(() -> {
            lock.lock();
            try {
                Clock.system().await(condition, Duration.ofHours(1));
                returned.set(true);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                lock.unlock();
            }
        });
        // it waits on the condition (which releases the lock) before anyone signals
        while (true) {
            lock.lock();
            try {
                if (lock.hasWaiters(condition)) {
                    break;
                }
            } finally {
                lock.unlock();
            }
            assertTrue(waiter.isAlive(), "the waiter returned before any signal");
            Thread.onSpinWait();
        }
        assertFalse(returned.get());
        lock.lock();
        try {
            condition.signalAll();
        } finally {
            lock.unlock();
        }
        waiter.join();
        assertTrue(returned.get());
    }

    @Test
    void await_endsAtItsTimeout_withoutASignal() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Condition condition = lock.newCondition();
        lock.lock();
        try {
            Clock.system().await(condition, Duration.ofMillis(1));
            assertTrue(lock.isHeldByCurrentThread()); // the wait took the lock back before returning
        } finally {
            lock.unlock();
        }
    }
}
