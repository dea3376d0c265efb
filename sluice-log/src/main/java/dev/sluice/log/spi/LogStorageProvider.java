package dev.sluice.log.spi;

import java.util.Map;

/**
 * A storage backend that pipeline files and the {@code sluice streams} command can name without
 * depending on its module: the log on Kafka is {@code kafka}, opened at its bootstrap servers.
 * Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/dev.sluice.log.spi.LogStorageProvider}); see
 * {@link dev.sluice.log.StreamLog#open(String, String, Map)}.
 */
public interface LogStorageProvider {
    /** The backend's name: the option of the log nodes that selects it ({@code kafka: host:9092}). */
    String name();

    /**
     * A storage at {@code location} (for Kafka, the bootstrap servers), with backend settings
     * such as {@code partitions} (of the streams it creates) and {@code namespace} (a prefix of
     * its names); unknown settings are refused.
     *
     * @throws IllegalArgumentException for a setting it does not know or a value it cannot take
     */
    LogStorage open(String location, Map<String, String> settings);
}
