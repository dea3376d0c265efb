package dev.sluice;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test that leaves a pipeline thread alive. Registered for every test through
 * ServiceLoader autodetection. A thread that has finished its work may need a moment to be
 * reaped, so each survivor is joined with a bound before it counts as leaked.
 */
public final class NoLeakedThreads implements AfterEachCallback {
    /** Reported once, so that one leak fails one test rather than every test after it. */
    private static final java.util.Set<Thread> REPORTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        List<Thread> survivors = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("sluice-") && !REPORTED.contains(t))
                .toList();
        StringBuilder leaked = new StringBuilder();
        for (Thread t : survivors) {
            t.join(2_000);
            if (t.isAlive()) {
                REPORTED.add(t);
                leaked.append(t.getName()).append(' ').append(t.getState()).append('\n');
            }
        }
        if (!leaked.isEmpty()) {
            fail("threads leaked by " + context.getDisplayName() + ":\n" + leaked);
        }
    }
}
