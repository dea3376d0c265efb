package dev.sluice.log;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import dev.sluice.log.spi.GroupMember;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LogStream#source}: a pipeline generator over a consumer group. A batch of records is
 * acknowledged once every node downstream has processed it ({@link NodeContext#whenProcessed}),
 * threaded nodes, windows and sinks included: at least once across a crash. It reads through a
 * {@link GroupMember} (its share of a partitioned stream) with a cursor of its own, so the next
 * batch does not wait for the previous one's acknowledgement. In a checkpointing pipeline, a
 * batch is acknowledged by the checkpoint that covers it instead, in the same transaction as the
 * state and the output it made ({@link LogCheckpointStore}): exactly once.
 */
final class LogSource implements Generator<LogRecord> {
    private final DefaultStreamLog log;
    private final DefaultLogStream stream;
    private final String group;

    LogSource(DefaultStreamLog log, DefaultLogStream stream, String group) {
        this.log = log;
        this.stream = stream;
        this.group = DefaultStreamLog.checkName(group);
    }

    /** The group seat of the running source; closed by onStop, after the last acknowledgement. */
    private volatile GroupMember member;

    @Override
    public void generate(NodeContext ctx, Emitter<LogRecord> out) throws InterruptedException {
        GroupMember m = log.storage.join(stream.name(), group);
        member = m;
        while (ctx.active()) {
            List<LogRecord> batch = m.next(log.options.maxBatch());
            List<Long> emitted = new ArrayList<>(batch.size());
            try {
                for (LogRecord r : batch) {
                    String unreadable = Sizes.unreadable(r);
                    if (unreadable != null) {
                        // the node's on_error decides; once it has, the record counts as handled
                        ctx.reject(r, new IllegalStateException("stream " + stream.name() + ", position "
                                + r.position() + ": " + unreadable));
                    } else {
                        out.emit(r);
                    }
                    emitted.add(r.position());
                }
            } finally {
                if (!emitted.isEmpty()) {
                    if (ctx.checkpointing()) {
                        // acknowledged in the checkpoint's transaction, with the state and output they made
                        ctx.checkpoint(new LogCheckpointStore.Ack(log.location(), stream.name(), group, emitted));
                    } else {
                        ctx.whenProcessed(() -> m.ack(emitted));
                    }
                }
            }
            if (batch.isEmpty()) {
                if (ctx.checkpointing()) {
                    ctx.checkpoint(null); // idle: a barrier that is due still goes out
                }
                stream.awaitAppend();
            }
        }
    }

    @Override
    public void onStop() {
        GroupMember m = member;
        if (m != null) {
            member = null;
            m.close();
        }
    }
}
