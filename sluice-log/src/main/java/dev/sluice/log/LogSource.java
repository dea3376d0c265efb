package dev.sluice.log;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import java.util.List;

/**
 * {@link LogStream#source}: a pipeline generator over a consumer group. Each record is
 * acknowledged after {@code emit} returns, that is once the pipeline has processed it (synchronous
 * nodes) or queued it (threaded ones): at least once across restarts.
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
        while (ctx.active()) {
            long position = log.storage.position(stream.name(), group);
            var acks = log.storage.acks(stream.name(), group);
            List<LogRecord> batch = log.storage.read(stream.name(), position, log.options.maxBatch());
            List<Long> emitted = new java.util.ArrayList<>(batch.size());
            try {
                for (LogRecord r : batch) {
                    if (acks.contains(r.position())) {
                        continue;
                    }
                    out.emit(r);
                    emitted.add(r.position());
                }
            } finally {
                if (!emitted.isEmpty()) {
                    log.storage.ack(stream.name(), group, emitted);
                }
            }
            if (emitted.isEmpty()) {
                stream.awaitAppend();
            }
        }
    }
}
