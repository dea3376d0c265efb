package dev.sluice.mqtt;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttClient;

/**
 * A pipeline source of the messages on a topic filter. QoS 1 and 2 messages are acknowledged to
 * the broker only after {@code emit} has returned for them (manual acks), so a crash before that
 * makes the broker deliver them again (with a persistent session). A bounded hand-off of 1,024
 * messages sits between the client's thread and the node; when it is full the client stops
 * reading from the socket, which pushes back on the broker.
 */
public final class MqttSource implements Generator<MqttMessage> {
    private final MqttConf conf;
    private final String filter;
    private final int qos;

    MqttSource(MqttConf conf, String filter, int qos) {
        this.conf = conf;
        this.filter = filter;
        this.qos = qos;
    }

    private record Received(MqttMessage message, int id, int qos) {}

    @Override
    public void generate(NodeContext ctx, Emitter<MqttMessage> out) throws Exception {
        BlockingQueue<Received> handoff = new ArrayBlockingQueue<>(1024);
        MqttClient client = conf.connect(true);
        try {
            client.setCallback(new MqttCallback() {
                @Override
                public void connectionLost(Throwable cause) {
                    // automatic reconnect is on; a clean session subscribes again below
                }

                @Override
                public void messageArrived(String topic, org.eclipse.paho.client.mqttv3.MqttMessage m)
                        throws InterruptedException {
                    handoff.put(new Received(new MqttMessage(topic, m.getPayload(), m.getQos(), m.isRetained()),
                            m.getId(), m.getQos()));
                }

                @Override
                public void deliveryComplete(IMqttDeliveryToken token) {}
            });
            client.subscribe(filter, qos);
            while (ctx.active()) {
                Received r = handoff.poll(100, TimeUnit.MILLISECONDS);
                if (r == null) {
                    continue;
                }
                out.emit(r.message());
                if (r.qos() > 0) {
                    client.messageArrivedComplete(r.id(), r.qos());
                }
            }
        } finally {
            Thread.interrupted(); // a stop interrupts us; disconnecting must still work
            try {
                if (client.isConnected()) {
                    client.disconnect(1000);
                }
            } finally {
                client.close(true);
            }
        }
    }

    @Override
    public String toString() {
        return "MqttSource[" + filter + ", qos " + qos + "]";
    }
}
