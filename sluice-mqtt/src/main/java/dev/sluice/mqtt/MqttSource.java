package dev.sluice.mqtt;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.MqttCallbackExtended;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * A pipeline source of the messages on a topic filter. QoS 1 and 2 messages are acknowledged to
 * the broker only once every node downstream has processed them ({@link NodeContext#whenProcessed}:
 * manual acks), so a crash before that makes the broker deliver them again (with a persistent
 * session). The client disconnects after the last acknowledgement of a graceful stop. A bounded hand-off of 1,024
 * messages sits between the client's thread and the node; when it is full the client stops
 * reading from the socket, which pushes back on the broker.
 */
final class MqttSource implements Generator<MqttMessage> {
    private final MqttConf conf;
    private final String filter;
    private final int qos;

    MqttSource(MqttConf conf, String filter, int qos) {
        this.conf = conf;
        this.filter = filter;
        this.qos = qos;
    }

    private record Received(MqttMessage message, int id, int qos) {}

    /** The connected client; made by generate, closed by onStop once the acks are through. */
    private volatile MqttClient client;

    @Override
    public void generate(NodeContext ctx, Emitter<MqttMessage> out) throws Exception {
        BlockingQueue<Received> handoff = new ArrayBlockingQueue<>(1024);
        MqttClient c = conf.connect(true);
        client = c;
        java.util.concurrent.atomic.AtomicBoolean subscribeAgain = new java.util.concurrent.atomic.AtomicBoolean();
        c.setCallback(new MqttCallbackExtended() {
            @Override
            public void connectionLost(Throwable cause) {
                // automatic reconnect is on: connectComplete follows once the broker is back
            }

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {
                // a clean session (the default) forgot the subscription with the connection: take it
                // again, from the node's thread (Paho does not allow a blocking call in a callback).
                // Before this, a broker restart left the source connected, "running", and deaf.
                if (reconnect) {
                    subscribeAgain.set(true);
                }
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
        c.subscribe(filter, qos);
        List<Received> batch = new ArrayList<>();
        while (ctx.active()) {
            if (subscribeAgain.getAndSet(false)) {
                try {
                    c.subscribe(filter, qos);
                } catch (MqttException e) {
                    subscribeAgain.set(true); // the connection went again: after the next reconnect
                }
            }
            Received first = handoff.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                continue;
            }
            batch.clear();
            batch.add(first);
            handoff.drainTo(batch, 255);
            List<Received> toAck = new ArrayList<>(batch.size());
            try {
                for (Received r : batch) {
                    out.emit(r.message());
                    if (r.qos() > 0) {
                        toAck.add(r);
                    }
                }
            } finally {
                if (!toAck.isEmpty()) {
                    ctx.whenProcessed(() -> ack(c, toAck));
                }
            }
        }
    }

    private static void ack(MqttClient c, List<Received> messages) {
        try {
            for (Received r : messages) {
                c.messageArrivedComplete(r.id(), r.qos());
            }
        } catch (MqttException e) {
            throw new IllegalStateException("could not acknowledge MQTT messages: " + e.getMessage(), e);
        }
    }

    @Override
    public void onStop() throws MqttException {
        MqttClient c = client;
        if (c == null) {
            return;
        }
        client = null;
        boolean interrupted = Thread.interrupted(); // a stop may have interrupted the caller
        try {
            if (c.isConnected()) {
                c.disconnect(1000);
            }
        } finally {
            c.close(true);
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public String toString() {
        return "MqttSource[" + filter + ", qos " + qos + "]";
    }
}
