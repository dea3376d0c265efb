package dev.sluice.log;

import dev.sluice.log.spi.GroupMember;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer group's loop: read what the group has not processed, ask the strategy for a window,
 * run the function with retries, acknowledge, or dead-letter the window and move on.
 */
final class DefaultGroupConsumer implements GroupConsumer {
    private static final Logger LOG = LoggerFactory.getLogger(GroupConsumer.class);
    static final String DEAD_LETTER_SUFFIX = ".dead-letter";

    private final DefaultStreamLog log;
    private final DefaultLogStream stream;
    private final String group;
    private final WindowStrategy strategy;
    private int attempts = 3;
    private Duration backoff = Duration.ofMillis(100);
    private volatile boolean stopped;
    private volatile Thread runner;

    DefaultGroupConsumer(DefaultStreamLog log, DefaultLogStream stream, String group, WindowStrategy strategy) {
        this.log = log;
        this.stream = stream;
        this.group = DefaultStreamLog.checkName(group);
        this.strategy = strategy;
    }

    @Override
    public String group() {
        return group;
    }

    @Override
    public GroupConsumer retry(int attempts, Duration backoff) {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
        this.attempts = attempts;
        this.backoff = backoff;
        return this;
    }

    @Override
    public void run(WindowFunction fn) throws InterruptedException {
        loop(() -> runOnce(fn));
    }

    @Override
    public <T> void run(dev.sluice.Codec<T> codec, DecodedWindowFunction<T> fn) throws InterruptedException {
        loop(() -> runOnce(codec, fn));
    }

    private interface Step {
        boolean run() throws InterruptedException;
    }

    private void loop(Step step) throws InterruptedException {
        runner = Thread.currentThread();
        try {
            while (!stopped) {
                if (!step.run()) {
                    awaitRecords();
                }
            }
        } catch (InterruptedException e) {
            if (!stopped) {
                throw e;
            }
        } finally {
            runner = null;
            leave();
        }
    }

    @Override
    public void awaitRecords() throws InterruptedException {
        stream.awaitAppend();
    }

    @Override
    public boolean runOnce(WindowFunction fn) throws InterruptedException {
        Optional<Window> next = nextWindow();
        if (next.isEmpty()) {
            return false;
        }
        Window window = next.get();
        Exception failure = attempt(window, () -> fn.apply(window));
        if (failure == null) {
            member().ack(positions(window));
        } else {
            deadLetter(window.records(), reason(failure), attempts);
        }
        strategy.processed(window);
        return true;
    }

    @Override
    public <T> boolean runOnce(dev.sluice.Codec<T> codec, DecodedWindowFunction<T> fn) throws InterruptedException {
        Optional<Window> next = nextWindow();
        if (next.isEmpty()) {
            return false;
        }
        Window window = next.get();
        List<LogRecord> good = new ArrayList<>(window.records().size());
        List<T> values = new ArrayList<>(window.records().size());
        for (LogRecord r : window.records()) {
            try {
                values.add(codec.decode(r.payload()));
                good.add(r);
            } catch (RuntimeException e) {
                deadLetter(List.of(r), "cannot decode as " + codec.name() + ": " + e.getMessage(), 1);
            }
        }
        Window decoded = new Window(good, window.start(), window.end());
        Exception failure = good.isEmpty() ? null : attempt(decoded, () -> fn.apply(values, decoded));
        if (failure == null) {
            member().ack(positions(decoded));
        } else {
            deadLetter(decoded.records(), reason(failure), attempts);
        }
        strategy.processed(window);
        return true;
    }

    @Override
    public boolean transferOnce(LogStream target, WindowTransform fn) throws InterruptedException {
        Optional<Window> next = nextWindow();
        if (next.isEmpty()) {
            return false;
        }
        Window window = next.get();
        List<List<LogEntry>> out = new ArrayList<>(1);
        Exception failure = attempt(window, () -> {
            out.clear();
            out.add(fn.apply(window));
        });
        if (failure == null) {
            member().appendAndAck(target.name(), out.get(0), positions(window));
            log.appended(target.name());
        } else {
            deadLetter(window.records(), reason(failure), attempts);
        }
        strategy.processed(window);
        return true;
    }

    private interface Attempt {
        void run() throws Exception;
    }

    /** Runs up to {@code attempts} times with doubling backoff; the last exception, or null. */
    private Exception attempt(Window window, Attempt work) throws InterruptedException {
        Duration wait = backoff;
        Exception last = null;
        for (int i = 1; i <= attempts; i++) {
            try {
                work.run();
                return null;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                last = e;
                LOG.warn("group '{}' of stream '{}': window of {} record(s) failed (attempt {}/{}): {}", group,
                        stream.name(), window.records().size(), i, attempts, e.toString());
                if (i < attempts) {
                    log.options.clock().sleep(wait);
                    wait = wait.multipliedBy(2);
                }
            }
        }
        return last;
    }

    /** An error in words for the dead letter's header: its message (a class name says nothing to a reader of the stream). */
    private static String reason(Exception failure) {
        return failure.getMessage() == null || failure.getMessage().isBlank() ? failure.getClass().getSimpleName()
                : failure.getMessage();
    }

    /** Sends records to the dead-letter stream and acknowledges them, atomically. */
    private void deadLetter(List<LogRecord> records, String reason, int tries) {
        String dlq = stream.name() + DEAD_LETTER_SUFFIX;
        log.stream(dlq);
        List<LogEntry> letters = new ArrayList<>();
        for (LogRecord r : records) {
            Map<String, String> headers = new LinkedHashMap<>(r.headers());
            headers.put("sluice.error", reason);
            headers.put("sluice.group", group);
            headers.put("sluice.stream", stream.name());
            headers.put("sluice.position", Long.toString(r.position()));
            headers.put("sluice.attempts", Integer.toString(tries));
            letters.add(new LogEntry(r.key(), r.payload(), headers, r.timestamp()));
        }
        if (letters.isEmpty()) {
            return; // an empty time window has nothing to keep
        }
        List<Long> positions = records.stream().map(LogRecord::position).toList();
        member().appendAndAck(dlq, letters, positions);
        log.appended(dlq);
    }

    private long seenVersion = Long.MIN_VALUE;
    private List<LogRecord> seenPending = List.of();

    private Optional<Window> nextWindow() {
        Instant now = Instant.ofEpochMilli(log.options.clock().currentTimeMillis());
        long version = log.storage.version();
        if (version == seenVersion) {
            return strategy.ready(seenPending, now); // nothing committed since: the same records wait
        }
        List<LogRecord> pending = member().unacknowledged(log.options.maxBatch());
        seenVersion = version;
        if (pending.stream().anyMatch(r -> Sizes.unreadable(r) != null)) {
            // a record no window function can be given: to the dead letter with its place, and the group goes on
            List<LogRecord> readable = new ArrayList<>(pending.size());
            for (LogRecord r : pending) {
                String why = Sizes.unreadable(r);
                if (why == null) {
                    readable.add(r);
                } else {
                    deadLetter(List.of(r), "stream " + stream.name() + ", position " + r.position() + ": " + why, 1);
                }
            }
            pending = readable;
        }
        seenPending = pending;
        return strategy.ready(pending, now);
    }

    private static List<Long> positions(Window window) {
        List<Long> out = new ArrayList<>(window.records().size());
        for (LogRecord r : window.records()) {
            out.add(r.position());
        }
        return out;
    }

    @Override
    public void stop() {
        stopped = true;
        Thread t = runner;
        if (t != null) {
            t.interrupt(); // the loop leaves the group on its way out
        } else {
            leave(); // one-shot use: nobody reads through the member now
        }
    }

    @Override
    public long lag() {
        return member().lag();
    }

    /** This consumer's seat in the group, taken at first use and given up when it stops. */
    private GroupMember member;

    private synchronized GroupMember member() {
        if (member == null) {
            member = log.storage.join(stream.name(), group);
        }
        return member;
    }

    private synchronized void leave() {
        if (member != null) {
            member.close();
            member = null;
        }
    }
}
