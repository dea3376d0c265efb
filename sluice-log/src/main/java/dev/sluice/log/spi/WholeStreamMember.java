package dev.sluice.log.spi;

import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import dev.sluice.log.StreamInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;

/**
 * The default {@link GroupMember}: every member reads the whole stream through the storage's own
 * group methods, so what one member acknowledges the others skip. The group's state lives in the
 * storage; only the cursor of {@link #next} is the member's own.
 */
final class WholeStreamMember implements GroupMember {
    private final LogStorage storage;
    private final String stream;
    private final String group;
    private long cursor = -1;

    WholeStreamMember(LogStorage storage, String stream, String group) {
        this.storage = storage;
        this.stream = stream;
        this.group = group;
    }

    @Override
    public List<LogRecord> unacknowledged(int max) {
        return unacknowledgedFrom(storage.position(stream, group), max);
    }

    private List<LogRecord> unacknowledgedFrom(long from, int max) {
        SortedSet<Long> acks = storage.acks(stream, group);
        List<LogRecord> out = new ArrayList<>();
        for (LogRecord r : storage.read(stream, from, max + acks.size())) {
            if (out.size() == max) {
                break;
            }
            if (!acks.contains(r.position())) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public List<LogRecord> next(int max) {
        if (cursor < 0) {
            cursor = storage.position(stream, group);
        }
        long from = cursor;
        SortedSet<Long> acks = storage.acks(stream, group);
        List<LogRecord> out = new ArrayList<>();
        for (LogRecord r : storage.read(stream, from, max)) {
            cursor = r.position() + 1;
            if (!acks.contains(r.position())) {
                out.add(r);
            }
        }
        return out;
    }

    @Override
    public void ack(Collection<Long> positions) {
        storage.ack(stream, group, positions);
    }

    @Override
    public long appendAndAck(String target, List<LogEntry> entries, Collection<Long> positions) {
        return storage.appendAndAck(target, entries, stream, group, positions);
    }

    @Override
    public long lag() {
        StreamInfo info = storage.stats(stream).orElse(null);
        if (info == null) {
            return 0;
        }
        long position = storage.position(stream, group);
        long acked = storage.acks(stream, group).size();
        return Math.max(0, info.nextPosition() - Math.max(position, info.firstPosition()) - acked);
    }

    @Override
    public void close() {}
}
