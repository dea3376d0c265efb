package dev.sluice.mqtt;

import java.nio.charset.StandardCharsets;

/**
 * A message received from or sent to an MQTT broker.
 *
 * @param topic the topic it was published to
 * @param payload the bytes
 * @param qos 0, 1 or 2
 * @param retained whether the broker keeps it for new subscribers
 */
public record MqttMessage(String topic, byte[] payload, int qos, boolean retained) {
    /** The payload as UTF-8 text. */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A message of UTF-8 text. */
    public static MqttMessage of(String topic, String text, int qos, boolean retained) {
        return new MqttMessage(topic, text.getBytes(StandardCharsets.UTF_8), qos, retained);
    }
}
