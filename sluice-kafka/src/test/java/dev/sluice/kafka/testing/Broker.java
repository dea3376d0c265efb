package dev.sluice.kafka.testing;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Kafka cluster (KRaft, combined broker and controller) on loopback, started
 * from Maven artifacts once per test class and deleted after it.
 */
public final class Broker implements BeforeAllCallback, AfterAllCallback {
    private LocalKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        kafka = LocalKafka.start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        kafka.close();
    }

    /** The broker's address, for {@code bootstrap.servers}. */
    public String bootstrap() {
        return kafka.bootstrap();
    }

    /** Client settings pointing at this broker. */
    public Map<String, Object> conf() {
        return Map.of("bootstrap.servers", bootstrap());
    }
}
