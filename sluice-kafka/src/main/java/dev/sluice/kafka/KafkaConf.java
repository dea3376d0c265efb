package dev.sluice.kafka;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Kafka client settings: a global set, with per-topic overrides (snapstream's {@code Conf}).
 * Keys are the Kafka client's own ({@code bootstrap.servers}, {@code group.id}, ...).
 *
 * <pre>{@code
 * KafkaConf conf = KafkaConf.of(Map.of("bootstrap.servers", "localhost:9092"));
 * Topic demo = conf.topic("demo", Map.of("group.id", "demo"));
 * }</pre>
 */
public final class KafkaConf {
    private final Map<String, Object> global;

    private KafkaConf(Map<String, Object> global) {
        this.global = Map.copyOf(global);
    }

    /** Global settings. */
    public static KafkaConf of(Map<String, ?> settings) {
        return new KafkaConf(new HashMap<>(settings));
    }

    /** These settings plus {@code more} (which win). */
    public KafkaConf with(Map<String, ?> more) {
        Map<String, Object> merged = new HashMap<>(global);
        merged.putAll(more);
        return new KafkaConf(merged);
    }

    /** A topic with the global settings. */
    public Topic topic(String name) {
        return topic(name, Map.of());
    }

    /** A topic with the global settings overridden by {@code overrides}. */
    public Topic topic(String name, Map<String, ?> overrides) {
        return new Topic(Objects.requireNonNull(name, "name"), with(overrides).settings());
    }

    /** The settings, read-only. */
    public Map<String, Object> settings() {
        return global;
    }
}
