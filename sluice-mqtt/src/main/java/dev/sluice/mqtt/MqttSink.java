package dev.sluice.mqtt;

import dev.sluice.Emitter;
import dev.sluice.NodeContext;
import dev.sluice.Processor;
import java.nio.charset.StandardCharsets;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

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

    /** Notified when the client has connected again after losing its connection. */
    private final Object reconnected = new Object();

    @Override
    public void onStart(NodeContext context) throws Exception {
        client = connect();
    }

    private MqttClient connect() throws MqttException {
        MqttClient c = conf.connect(false);
        c.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                synchronized (reconnected) {
                    reconnected.notifyAll();
                }
            }

            @Override
            public void connectionLost(Throwable cause) {}

            @Override
            public void messageArrived(String t, org.eclipse.paho.client.mqttv3.MqttMessage m) {}

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        });
        return c;
    }

    @Override
    public void process(Object item, Emitter<Void> out) throws Exception {
        if (client == null) {
            client = connect();
        }
        if (item instanceof MqttMessage m) {
            publish(m.topic(), m.payload(), m.qos(), m.retained());
        } else {
            byte[] payload = item instanceof byte[] b ? b : String.valueOf(item).getBytes(StandardCharsets.UTF_8);
            publish(topic, payload, qos, retained);
        }
    }

    /**
     * Publishes, waiting up to the conf's reconnect wait while the connection is lost (the client
     * reconnects on its own), so that a broker restart delays the pipeline instead of failing it.
     * A message whose acknowledgement was lost with the connection is sent again: at least once.
     */
    private void publish(String to, byte[] payload, int q, boolean retain) throws Exception {
        long deadline = System.nanoTime() + conf.reconnectWait().toNanos();
        while (true) {
            try {
                client.publish(to, payload, q, retain);
                return;
            } catch (MqttException e) {
                if (!disconnected(e)) {
                    throw e;
                }
                synchronized (reconnected) {
                    long left;
                    while (!client.isConnected() && (left = deadline - System.nanoTime()) > 0) {
                        reconnected.wait(Math.max(1, left / 1_000_000));
                    }
                }
                if (!client.isConnected()) {
                    throw new IllegalStateException("MQTT broker " + conf.uri() + " is unreachable: no connection for "
                            + conf.reconnectWait().toSeconds() + " s (the publish's reconnect wait)");
                }
            }
        }
    }

    private static boolean disconnected(MqttException e) {
        int reason = e.getReasonCode();
        return reason == MqttException.REASON_CODE_CLIENT_NOT_CONNECTED || reason == MqttException.REASON_CODE_CONNECTION_LOST
                || reason == MqttException.REASON_CODE_CLIENT_DISCONNECTING || reason == MqttException.REASON_CODE_CLIENT_TIMEOUT;
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
