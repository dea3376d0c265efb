package dev.sluice.state;

import dev.sluice.Codec;
import dev.sluice.log.StreamLog;
import dev.sluice.rocksdb.Cache;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;

/**
 * A child process for the crash test: counts the records of the stream "events" per text, in
 * batches; exits when everything appended has been counted. It says "r" as it handles each record
 * and "committed" right after each batch's state and checkpoint are written (the cache is wrapped
 * to say so), then waits for a line on standard input before it goes on to acknowledge the batch
 * to the log: so the test can kill it exactly between the two, as well as anywhere else.
 *
 * <pre>java CountingWorker LOG_DIR STATE_DIR BATCH</pre>
 */
public final class CountingWorker {
    private CountingWorker() {}

    public static void main(String[] args) throws Exception {
        try (StreamLog log = StreamLog.open(Path.of(args[0]));
                Cache<String, Long> counts = Cache.open(Path.of(args[1]), Codec.utf8(), Codec.longKey())) {
            var events = log.stream("events");
            CheckpointedConsumer<String, Long> counter =
                    CheckpointedConsumer.of(events, saysCommitted(counts), "counter", Integer.parseInt(args[2]));
            long end = events.info().nextPosition();
            while (counter.position() < end) {
                counter.runOnce((record, state) -> {
                    state.update(record.text(), n -> n == null ? 1L : n + 1);
                    say("r");
                });
            }
        }
    }

    static void say(String what) {
        System.out.println(what);
        System.out.flush();
    }

    @SuppressWarnings("unchecked")
    static <T> T delegating(Class<T> type, T target, Runnable afterCommit) {
        return (T) Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, a) -> {
            Object result;
            try {
                result = method.invoke(target, a);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            if (method.getName().equals("batch")) {
                return delegating(Cache.Batch.class, (Cache.Batch<?, ?>) result, afterCommit);
            }
            if (method.getName().equals("commit")) {
                afterCommit.run();
            }
            return result;
        });
    }

    @SuppressWarnings("unchecked")
    static Cache<String, Long> saysCommitted(Cache<String, Long> cache) {
        java.io.BufferedReader in = new java.io.BufferedReader(
                new java.io.InputStreamReader(System.in, java.nio.charset.StandardCharsets.UTF_8));
        return delegating(Cache.class, cache, () -> {
            say("committed");
            try {
                in.readLine(); // the test answers, or kills
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
