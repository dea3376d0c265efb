package dev.sluice.cli;

import dev.sluice.log.StreamLog;
import dev.sluice.log.kafka.KafkaStorage;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the CLI's log is: the embedded log in {@code directory}, or, when {@code kafka} names
 * bootstrap servers, the log on that Kafka cluster (topics it creates get {@code partitions};
 * topic and group names start with {@code namespace}, "" for none). One place for the log nodes
 * of pipeline files and for {@code sluice streams}.
 */
record LogLocation(Path directory, String kafka, int partitions, String namespace) {

    StreamLog open() {
        if (kafka == null) {
            return StreamLog.open(directory);
        }
        return StreamLog.on(KafkaStorage.builder(Map.of("bootstrap.servers", kafka)).partitions(partitions)
                        .namespace(namespace).build(),
                StreamLog.Options.defaults());
    }

    /** For messages: "sluice-log" or "Kafka at host:9092". */
    @Override
    public String toString() {
        return kafka == null ? directory.toString()
                : "Kafka at " + kafka + (namespace.isEmpty() ? "" : ", namespace " + namespace);
    }
}
