package dev.sluice;

import dev.sluice.time.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Keyed windows with an aggregate: tumbling, hopping and session windows on processing or event
 * time (see {@link WindowedPipe} for the semantics).
 *
 * <p>Open windows live in a per-key map (fixed windows by start, sessions as a list) and in an
 * index by end time, which decides firing order: by end, then by first arrival. In event time,
 * fired windows stay in a second index until the watermark passes end + allowed lateness.
 * Processing-time windows fire from one timer per distinct end time.
 */
final class WindowStage<K, T, A, R> extends Stage<T, WindowResult<K, R>> implements Aggregated<K, T, R> {
    private final Function<? super T, ? extends K> key;
    private final Aggregator<? super T, A, R> aggregator;
    private final ToLongFunction<? super T> eventTime;
    private final long outOfOrder;
    private final long lateness;
    private final long size;
    private final long advance;
    private final long gap;
    private final boolean sessions;

    private final Map<K, Map<Long, Win<K, A>>> fixed = new HashMap<>();
    private final Map<K, List<Win<K, A>>> sessionsByKey = new HashMap<>();
    private final TreeMap<Long, LinkedHashSet<Win<K, A>>> unfired = new TreeMap<>();
    private final TreeMap<Long, LinkedHashSet<Win<K, A>>> firedUntil = new TreeMap<>();
    private final Map<Long, Cancellable> timers = new HashMap<>();
    private long watermark = Long.MIN_VALUE;
    private LateStage<T> late;

    WindowStage(WindowConfig<K, T> config, Aggregator<? super T, A, R> aggregator) {
        super(config.upstream.pipeline, "window", config.upstream.domain);
        this.key = config.key;
        this.aggregator = aggregator;
        this.eventTime = config.eventTime;
        this.outOfOrder = config.maxOutOfOrderMillis;
        this.lateness = config.latenessMillis;
        if (config.spec instanceof WindowSpec.Hopping h) {
            size = h.size().toMillis();
            advance = h.advance().toMillis();
            gap = 0;
            sessions = false;
        } else {
            WindowSpec.Session s = (WindowSpec.Session) config.spec;
            size = 0;
            advance = 0;
            gap = s.gap().toMillis();
            sessions = true;
        }
        if (eventTime == null) {
            domain.markShared(); // timers fire windows
        }
    }

    void installLateOutput() {
        late = new LateStage<>(this);
        late.inputs.add(this);
        pipeline.install(late);
    }

    @Override
    public Pipe<T> late() {
        return late;
    }

    @Override
    void onNext(T item) {
        in++;
        boolean accepted;
        try {
            accepted = place(item);
        } catch (Throwable e) {
            // the key, the time or the aggregate function failed on the item: this stage's policy decides
            Object r = recover(item, e, () -> place(item));
            if (r == DROP) {
                return;
            }
            accepted = (Boolean) r;
        }
        long ts = placedAt;
        if (!accepted) {
            late.deliverLate(item);
        }
        if (eventTime != null && ts - outOfOrder > watermark) {
            watermark = ts - outOfOrder;
            fireUpTo(watermark);
            releaseMarkers();
        }
    }

    /** The time of the item {@link #place} placed last. */
    private long placedAt;

    /**
     * Adds the item to its key's windows; false when it is too late for all of them. The key, the
     * time and the aggregate are computed before any window is made for the item, so an item a
     * function fails on leaves no empty window behind (with hopping windows, one that fails on its
     * second window was added to the first, and a retry adds it there again).
     */
    private boolean place(T item) {
        K k = key.apply(item);
        long ts = eventTime == null ? pipeline.clock().currentTimeMillis() : eventTime.applyAsLong(item);
        placedAt = ts;
        return sessions ? addToSession(k, ts, item) : addToFixed(k, ts, item);
    }

    /** Windows made so far; a marker waits for every window that was open when it arrived. */
    private long made;

    @Override
    void onMarker(Marker marker) {
        marker.fork(1);
        late.onMarker(marker); // late items go out at once, so nothing holds this copy
        super.onMarker(marker);
    }

    @Override
    long holdTag() {
        return made;
    }

    @Override
    boolean stillHolds(long tag) {
        for (var set : unfired.values()) {
            for (Win<K, A> w : set) {
                if (w.seq <= tag) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean addToFixed(K k, long ts, T item) {
        boolean accepted = false;
        long lastStart = ts - Math.floorMod(ts, advance);
        for (long start = lastStart; start > ts - size; start -= advance) {
            long end = start + size;
            Map<Long, Win<K, A>> byStart = fixed.get(k);
            Win<K, A> w = byStart == null ? null : byStart.get(start);
            if (w == null) {
                if (eventTime != null && end <= watermark) {
                    continue; // fired and purged, or would be born late
                }
                A acc = aggregator.add(aggregator.create(), item); // before the window exists: see place
                w = new Win<>(k, start, end, acc, ++made);
                fixed.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(start, w);
                index(unfired, end, w);
            } else {
                w.acc = aggregator.add(w.acc, item);
            }
            accepted = true;
            if (w.fired) {
                push(result(w, true));
            }
        }
        return accepted;
    }

    private boolean addToSession(K k, long ts, T item) {
        A acc = aggregator.add(aggregator.create(), item); // before anything changes: see place
        List<Win<K, A>> open = sessionsByKey.getOrDefault(k, List.of());
        long start = ts;
        long end = ts + gap;
        boolean wasFired = false;
        long seq = ++made;
        List<Win<K, A>> merged = new ArrayList<>();
        for (Win<K, A> w : open) {
            if (w.start < end && start < w.end) {
                merged.add(w);
            }
        }
        if (merged.isEmpty() && eventTime != null && end + lateness <= watermark) {
            return false;
        }
        for (Win<K, A> w : merged) {
            start = Math.min(start, w.start);
            end = Math.max(end, w.end);
            acc = aggregator.merge(w.acc, acc);
            wasFired |= w.fired;
            seq = Math.min(seq, w.seq); // the merged session holds what the oldest part held
            remove(w);
        }
        Win<K, A> session = new Win<>(k, start, end, acc, seq);
        // remove() drops an emptied list from the map, so look it up again
        sessionsByKey.computeIfAbsent(k, x -> new ArrayList<>()).add(session);
        if (wasFired && end <= watermark) {
            session.fired = true;
            index(firedUntil, end + lateness, session);
            push(result(session, true));
        } else {
            index(unfired, end, session);
        }
        return true;
    }

    private void index(TreeMap<Long, LinkedHashSet<Win<K, A>>> idx, long at, Win<K, A> w) {
        idx.computeIfAbsent(at, x -> new LinkedHashSet<>()).add(w);
        if (idx == unfired && eventTime == null && !timers.containsKey(at)) {
            long delay = Math.max(0, at - pipeline.clock().currentTimeMillis());
            timers.put(at, pipeline.schedule(Duration.ofMillis(delay), () -> runTimed(() -> {
                timers.remove(at);
                fireUpTo(Math.max(at, pipeline.clock().currentTimeMillis()));
            })));
        }
    }

    private void unindex(TreeMap<Long, LinkedHashSet<Win<K, A>>> idx, long at, Win<K, A> w) {
        LinkedHashSet<Win<K, A>> set = idx.get(at);
        if (set != null && set.remove(w) && set.isEmpty()) {
            idx.remove(at);
        }
    }

    private void remove(Win<K, A> w) {
        if (w.fired) {
            unindex(firedUntil, w.end + lateness, w);
        } else {
            unindex(unfired, w.end, w);
        }
        if (sessions) {
            List<Win<K, A>> open = sessionsByKey.get(w.key);
            open.remove(w);
            if (open.isEmpty()) {
                sessionsByKey.remove(w.key);
            }
        } else {
            Map<Long, Win<K, A>> byStart = fixed.get(w.key);
            byStart.remove(w.start);
            if (byStart.isEmpty()) {
                fixed.remove(w.key);
            }
        }
    }

    /** Fires windows whose end is at or before {@code time}; purges those past their lateness. */
    private void fireUpTo(long time) {
        while (!unfired.isEmpty() && unfired.firstKey() <= time) {
            var entry = unfired.pollFirstEntry();
            for (Win<K, A> w : entry.getValue()) {
                w.fired = true;
                if (eventTime != null && lateness > 0) {
                    index(firedUntil, w.end + lateness, w); // kept for late updates
                } else {
                    removeFromKeyMaps(w);
                }
                push(result(w, false));
            }
        }
        while (!firedUntil.isEmpty() && firedUntil.firstKey() <= time) {
            for (Win<K, A> w : firedUntil.pollFirstEntry().getValue()) {
                removeFromKeyMaps(w);
            }
        }
    }

    private void removeFromKeyMaps(Win<K, A> w) {
        if (sessions) {
            List<Win<K, A>> open = sessionsByKey.get(w.key);
            if (open != null) {
                open.remove(w);
                if (open.isEmpty()) {
                    sessionsByKey.remove(w.key);
                }
            }
        } else {
            Map<Long, Win<K, A>> byStart = fixed.get(w.key);
            if (byStart != null) {
                byStart.remove(w.start);
                if (byStart.isEmpty()) {
                    fixed.remove(w.key);
                }
            }
        }
    }

    private WindowResult<K, R> result(Win<K, A> w, boolean update) {
        return new WindowResult<>(w.key, Instant.ofEpochMilli(w.start), Instant.ofEpochMilli(w.end),
                aggregator.result(w.acc), update);
    }

    @Override
    void beforeComplete() {
        if (!pipeline.keepsStateOnStop()) {
            fireUpTo(Long.MAX_VALUE); // the input ended: every window is complete
        }
    }

    @Override
    void release() {
        timers.values().forEach(Cancellable::cancel);
        timers.clear();
    }

    @Override
    void onComplete() {
        if (--openInputs > 0) {
            return;
        }
        finish();
        late.endLate(null);
    }

    @Override
    void onError(Throwable error) {
        failDown(error);
        late.endLate(error);
    }

    // ------------------------------------------------------------------ checkpoints

    /** What the windows are: a checkpoint of other windows does not fit (a changed window size, say). */
    private String shape() {
        String time = eventTime == null ? "processing time" : "event time, " + outOfOrder + " ms out of order, "
                + lateness + " ms allowed lateness";
        return (sessions ? "session windows with a gap of " + gap : size == advance ? "tumbling windows of " + size
                : "hopping windows of " + size + " every " + advance) + " ms on " + time;
    }

    @Override
    byte[] snapshot() {
        StateValues.Writer w = new StateValues.Writer().value(shape()).longValue(watermark).longValue(made);
        List<Win<K, A>> all = new ArrayList<>();
        fixed.values().forEach(byStart -> all.addAll(byStart.values()));
        sessionsByKey.values().forEach(all::addAll);
        w.longValue(all.size());
        for (Win<K, A> win : all) {
            w.value(win.key).longValue(win.start).longValue(win.end).longValue(win.seq).value(win.fired).value(win.acc);
        }
        return w.toBytes();
    }

    @Override
    @SuppressWarnings("unchecked")
    void restore(byte[] state) {
        StateValues.Reader r = new StateValues.Reader(state);
        String was = (String) r.value();
        if (!was.equals(shape())) {
            throw new IllegalStateException("node '" + name + "' has " + shape() + ", but the checkpoint holds " + was
                    + ": the windows cannot be carried over; start from no checkpoint (sluice checkpoints drop),"
                    + " or go back to the windows it was taken with");
        }
        watermark = r.longValue();
        made = r.longValue();
        long n = r.longValue();
        for (long i = 0; i < n; i++) {
            K k = (K) r.value();
            long start = r.longValue();
            long end = r.longValue();
            long seq = r.longValue();
            boolean fired = (Boolean) r.value();
            Win<K, A> win = new Win<>(k, start, end, (A) r.value(), seq);
            win.fired = fired;
            if (sessions) {
                sessionsByKey.computeIfAbsent(k, x -> new ArrayList<>()).add(win);
            } else {
                fixed.computeIfAbsent(k, x -> new LinkedHashMap<>()).put(start, win);
            }
            if (fired) {
                index(firedUntil, end + lateness, win);
            } else {
                index(unfired, end, win); // a processing-time window gets its timer again
            }
        }
    }

    @Override
    int depth() {
        int n = 0;
        for (var set : unfired.values()) {
            n += set.size();
        }
        return n;
    }

    private static final class Win<K, A> {
        final K key;
        final long start;
        final long end;
        final long seq;
        A acc;
        boolean fired;

        Win(K key, long start, long end, A acc, long seq) {
            this.key = key;
            this.start = start;
            this.end = end;
            this.acc = acc;
            this.seq = seq;
        }
    }
}
