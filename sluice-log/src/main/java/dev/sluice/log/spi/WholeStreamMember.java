package dev.sluice.log.spi;

import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import java.util.Collection;
import java.util.List;

/**
 * The default {@link GroupMember}: every member reads the whole stream through the storage's own
 * group methods, so what one member acknowledges the others skip. The group's state lives in the
 * storage; only the cursor of {@link #next} is the member's own.
 */
final class WholeStreamMember implements GroupMember {
    private final LogStorage storage;
    private final String stream;
    private final String group;
    /** The position after the last record {@link #next} returned; 0 before the first call. */
    private long cursor;

    WholeStreamMember(LogStorage storage, String stream, String group) {
        this.storage = storage;
        this.stream = stream;
        this.group = group;
    }

    @Override
    public List<LogRecord> unacknowledged(int max) {
        return storage.unacknowledged(stream, group, 0, max);
    }

    @Override
    public List<LogRecord> next(int max) {
        List<LogRecord> out = storage.unacknowledged(stream, group, cursor, max);
        if (!out.isEmpty()) {
            cursor = out.get(out.size() - 1).position() + 1;
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
        return storage.lag(stream, group);
    }

    @Override
    public void close() {}
}
