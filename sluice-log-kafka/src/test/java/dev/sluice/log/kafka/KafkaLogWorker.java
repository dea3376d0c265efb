package dev.sluice.log.kafka;

import dev.sluice.log.GroupConsumer;
import dev.sluice.log.LogRecord;
import dev.sluice.log.StreamLog;
import dev.sluice.log.WindowStrategy;
import java.util.Map;

/**
 * A consumer process for {@link KafkaMultiProcessTest}: joins group {@code args[2]} of stream
 * {@code args[1]} on the broker {@code args[0]} and prints "partition text" for every record it
 * processes; stops gracefully when its standard input closes.
 */
public final class KafkaLogWorker {
    private KafkaLogWorker() {}

    public static void main(String[] args) throws Exception {
        Map<String, Object> settings = Map.of("bootstrap.servers", args[0],
                "session.timeout.ms", 6000, "heartbeat.interval.ms", 1000);
        try (StreamLog log = StreamLog.on(KafkaStorage.builder(settings).build(), StreamLog.Options.defaults())) {
            GroupConsumer consumer = log.stream(args[1]).consumer(args[2], WindowStrategy.count(1));
            Thread.ofPlatform().daemon(true).start(() -> {
                try {
                    while (System.in.read() >= 0) {
                        // the parent closes our input to stop us
                    }
                } catch (java.io.IOException ignored) {
                    // same: stop
                }
                consumer.stop();
            });
            consumer.run(w -> {
                StringBuilder out = new StringBuilder();
                for (LogRecord r : w.records()) {
                    out.append(KafkaStorage.partitionOf(r.position())).append(' ').append(r.text()).append('\n');
                }
                System.out.print(out);
                System.out.flush();
            });
        }
    }
}
