package dev.sluice.log.kafka;

import dev.sluice.log.spi.LogStorage;
import dev.sluice.log.spi.LogStorageProvider;
import java.util.Map;

/**
 * The log on Kafka by name, {@code kafka}, for pipeline files ({@code log.read} and
 * {@code log.append} with {@code kafka: host:9092}) and {@code sluice streams --kafka}: the
 * location is the bootstrap servers; settings {@code partitions} and {@code namespace}.
 */
public final class KafkaStorageProvider implements LogStorageProvider {
    @Override
    public String name() {
        return "kafka";
    }

    @Override
    public LogStorage open(String location, Map<String, String> settings) {
        if (location == null || location.isBlank()) {
            throw new IllegalArgumentException("the log on Kafka needs bootstrap servers (host:port,...)");
        }
        KafkaStorage.Builder builder = KafkaStorage.builder(Map.of("bootstrap.servers", location));
        for (Map.Entry<String, String> e : settings.entrySet()) {
            switch (e.getKey()) {
                case "partitions" -> builder.partitions(Integer.parseInt(e.getValue()));
                case "namespace" -> builder.namespace(e.getValue());
                default -> throw new IllegalArgumentException("the log on Kafka has no setting '" + e.getKey()
                        + "': partitions or namespace");
            }
        }
        return builder.build();
    }
}
