package dev.sluice.log.kafka;

import dev.sluice.log.Retention;
import java.time.Duration;
import java.time.Instant;

/**
 * What Kafka does not keep for a stream: when it was created and its retention rules, stored as
 * one line per stream in the compacted topic {@value KafkaStorage#META_TOPIC} (after the namespace, if any).
 */
record Meta(Instant created, Retention retention) {
    static Meta created(Instant at) {
        return new Meta(at, Retention.keepAll());
    }

    String encode() {
        return "created=" + created.toEpochMilli() + ";dropProcessed=" + retention.dropProcessed() + ";maxAgeMs="
                + (retention.maxAge() == null ? "" : Long.toString(retention.maxAge().toMillis())) + ";maxBytes="
                + retention.maxBytes();
    }

    static Meta decode(String line) {
        Instant created = Instant.EPOCH;
        boolean drop = false;
        Duration age = null;
        long bytes = 0;
        for (String field : line.split(";")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = field.substring(0, eq);
            String v = field.substring(eq + 1);
            switch (k) {
                case "created" -> created = Instant.ofEpochMilli(Long.parseLong(v));
                case "dropProcessed" -> drop = Boolean.parseBoolean(v);
                case "maxAgeMs" -> age = v.isEmpty() ? null : Duration.ofMillis(Long.parseLong(v));
                case "maxBytes" -> bytes = Long.parseLong(v);
                default -> { } // written by a newer version: ignored
            }
        }
        return new Meta(created, new Retention(drop, age, bytes));
    }
}
