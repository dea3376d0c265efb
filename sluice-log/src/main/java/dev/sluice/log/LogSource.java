package dev.sluice.log;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import java.util.ArrayList;
import java.util.List;

/**
 * {@link LogStream#source}: a pipeline generator over a consumer group. A batch of records is
 * acknowledged once every node downstream has processed it ({@link NodeContext#whenProcessed}),
 * threaded nodes, windows and sinks included: at least once across a crash. Records are read from
 * a cursor of its own, so the next batch does not wait for the previous one's acknowledgement.
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

    @Override
    public void generate(NodeContext ctx, Emitter<LogRecord> out) throws InterruptedException {
        String name = stream.name();
        long next = log.storage.position(name, group);
        while (ctx.active()) {
            // positions acknowledged out of order (by windows of an earlier run) are not replayed
            var acks = log.storage.acks(name, group);
            List<LogRecord> batch = log.storage.read(name, next, log.options.maxBatch());
            List<Long> emitted = new ArrayList<>(batch.size());
            try {
                for (LogRecord r : batch) {
                    next = r.position() + 1;
                    if (acks.contains(r.position())) {
                        continue;
                    }
                    out.emit(r);
                    emitted.add(r.position());
                }
            } finally {
                if (!emitted.isEmpty()) {
                    ctx.whenProcessed(() -> log.storage.ack(name, group, emitted));
                }
            }
            if (batch.isEmpty()) {
                stream.awaitAppend();
            }
        }
    }
}
