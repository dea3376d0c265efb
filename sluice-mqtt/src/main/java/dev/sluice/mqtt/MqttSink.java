package dev.sluice.mqtt;

import dev.sluice.Emitter;
import dev.sluice.NodeContext;
import dev.sluice.Processor;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.MqttClient;

/**
 * A pipeline node publishing each item: an {@link MqttMessage} as it is (its own topic, QoS and
 * retained flag), a {@code byte[]} or anything else as UTF-8 text to the configured topic. Publishing
 * blocks until the broker acknowledged (QoS 1 and 2), so a failure reaches the node's error policy
 * with the item that failed. Emits nothing.
 */
final class MqttSink implements Processor<Object, Void> {
    private final MqttConf conf;
    private final String topic;
    private final int qos;
    private final boolean retained;
    private MqttClient client;

    MqttSink(MqttConf conf, String topic, int qos, boolean retained) {
        this.conf = conf;
        this.topic = topic;
        this.qos = qos;
        this.retained = retained;
    }

    @Override
    public void onStart(NodeContext context) throws Exception {
        client = conf.connect(false);
    }

    @Override
    public void process(Object item, Emitter<Void> out) throws Exception {
        if (client == null) {
            client = conf.connect(false);
        }
        if (item instanceof MqttMessage m) {
            client.publish(m.topic(), m.payload(), m.qos(), m.retained());
        } else {
            byte[] payload = item instanceof byte[] b ? b : String.valueOf(item).getBytes(StandardCharsets.UTF_8);
            client.publish(topic, payload, qos, retained);
        }
    }

    @Override
    public void onStop() throws Exception {
        if (client != null) {
            try {
                if (client.isConnected()) {
                    client.disconnect(1000);
                }
            } finally {
                client.close(true);
                client = null;
            }
        }
    }
}
