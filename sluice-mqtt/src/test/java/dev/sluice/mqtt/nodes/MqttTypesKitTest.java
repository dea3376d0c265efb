package dev.sluice.mqtt.nodes;

import dev.sluice.mqtt.testing.LocalMqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.test.NodeTypeKit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mqtt.publish and mqtt.subscribe keep the contract every node type keeps, against a real broker. */
class MqttTypesKitTest {
    @Test
    void publish_thenSubscribe_toARetainedMessage() throws Exception {
        try (LocalMqtt broker = LocalMqtt.start()) {
            NodeTypeKit.of(new MqttTypes.Publish()).option("broker", broker.uri()).option("topic", "kit/a")
                    .option("retained", true).input("one").check();
            assertEquals(List.of("one"), NodeTypeKit.of(new MqttTypes.Subscribe()).option("broker", broker.uri())
                    .option("topic", "kit/#").limit(1).check());
        }
    }
}
