package dev.sluice.examples;

import dev.sluice.log.GroupConsumer;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamLog;
import dev.sluice.log.WindowStrategy;
import dev.sluice.log.kafka.KafkaStorage;
import java.time.Duration;
import java.util.Map;

/**
 * The durable log's producer and windowed consumer group on Kafka: the code of
 * {@link MinibatchExample} with only the line that opens the log changed. Start more processes
 * with the same group and they share the stream's partitions.
 *
 * <p>Argument: the broker's {@code bootstrap.servers} (default {@code 127.0.0.1:9092}).
 */
public final class KafkaLogExample {
    private KafkaLogExample() {}

    public static void main(String[] args) throws Exception {
        String bootstrap = args.length > 0 ? args[0] : "127.0.0.1:9092";
        try (StreamLog log = StreamLog.on(KafkaStorage.builder(Map.of("bootstrap.servers", bootstrap)).build(),
                StreamLog.Options.defaults())) {
            LogStream orders = log.stream("orders");
            for (int i = 1; i <= 6; i++) {
                orders.append("order-" + i);
            }
            GroupConsumer billing = orders.consumer("billing", WindowStrategy.count(3));
            long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
            int windows = 0;
            while (windows < 2) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no windows from " + bootstrap + " within a minute");
                }
                // false while the consumer joins its group or waits for records
                if (billing.runOnce(window -> System.out.println(window.texts()))) {
                    windows++;
                }
            }
            billing.stop(); // commits and leaves the group
        }
    }
}
