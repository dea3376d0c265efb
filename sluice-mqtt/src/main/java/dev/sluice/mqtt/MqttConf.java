package dev.sluice.mqtt;

import dev.sluice.Generator;
import dev.sluice.Processor;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * Where and how to connect: broker URI ({@code tcp://host:1883}, or {@code ssl://host:8883} with
 * {@link #tls}), client id, credentials, clean session. Immutable; each {@code with...} returns a
 * copy.
 *
 * <pre>{@code
 * MqttConf conf = MqttConf.broker("tcp://127.0.0.1:1883").credentials("sensor", "secret".toCharArray());
 * pipeline.generate("readings", conf.subscribe("sensors/#", 1));
 * pipe.process(conf.publish("alerts", 1, false));
 * }</pre>
 */
public final class MqttConf {
    private final String uri;
    private final String clientId;
    private final String user;
    private final char[] password;
    private final SSLSocketFactory tls;
    private final boolean cleanSession;
    private final Duration timeout;
    private final Duration reconnectWait;

    private MqttConf(String uri, String clientId, String user, char[] password, SSLSocketFactory tls,
            boolean cleanSession, Duration timeout, Duration reconnectWait) {
        this.reconnectWait = reconnectWait;
        this.uri = uri;
        this.clientId = clientId;
        this.user = user;
        this.password = password;
        this.tls = tls;
        this.cleanSession = cleanSession;
        this.timeout = timeout;
    }

    /** A broker at {@code uri}, with a random client id and a clean session. */
    public static MqttConf broker(String uri) {
        return new MqttConf(Objects.requireNonNull(uri, "uri"), null, null, null, null, true, Duration.ofSeconds(10),
                Duration.ofSeconds(60));
    }

    /** A fixed client id: needed for a persistent session ({@link #cleanSession(boolean) cleanSession(false)}). */
    public MqttConf clientId(String id) {
        return new MqttConf(uri, Objects.requireNonNull(id), user, password, tls, cleanSession, timeout, reconnectWait);
    }

    /** User name and password. */
    public MqttConf credentials(String userName, char[] secret) {
        return new MqttConf(uri, clientId, Objects.requireNonNull(userName), secret.clone(), tls, cleanSession, timeout, reconnectWait);
    }

    /** TLS with this socket factory (use an {@code ssl://} URI). */
    public MqttConf tls(SSLSocketFactory factory) {
        return new MqttConf(uri, clientId, user, password, Objects.requireNonNull(factory), cleanSession, timeout, reconnectWait);
    }

    /**
     * How long a publish waits for a lost connection to come back (the client reconnects on its
     * own) before it fails, naming the broker. Default 60 s.
     */
    public MqttConf reconnectWait(Duration wait) {
        if (wait.isNegative()) {
            throw new IllegalArgumentException("reconnectWait cannot be negative: " + wait);
        }
        return new MqttConf(uri, clientId, user, password, tls, cleanSession, timeout, wait);
    }

    Duration reconnectWait() {
        return reconnectWait;
    }

    String uri() {
        return uri;
    }

    /** False keeps subscriptions and queued QoS 1/2 messages across reconnects (needs a client id). */
    public MqttConf cleanSession(boolean clean) {
        return new MqttConf(uri, clientId, user, password, tls, clean, timeout, reconnectWait);
    }

    /**
     * A source of the messages on {@code topicFilter}, subscribed at {@code qos}. QoS 1 and 2
     * messages are acknowledged to the broker only once every node downstream has processed them,
     * so after a crash the broker delivers them again (with a persistent session:
     * {@link #clientId} and {@link #cleanSession cleanSession(false)}). A bounded hand-off of 1,024
     * messages sits between the client's thread and the node; when it is full the client stops
     * reading from the socket, which pushes back on the broker.
     */
    public Generator<MqttMessage> subscribe(String topicFilter, int qos) {
        return new MqttSource(this, topicFilter, checkQos(qos));
    }

    /**
     * A sink node publishing each item to {@code topic} and waiting for the broker's
     * acknowledgement: an {@link MqttMessage} goes to its own topic with its own QoS; bytes and text
     * (UTF-8) go to {@code topic}. Emits nothing.
     */
    public Processor<Object, Void> publish(String topic, int qos, boolean retained) {
        return new MqttSink(this, topic, checkQos(qos), retained);
    }

    static int checkQos(int qos) {
        if (qos < 0 || qos > 2) {
            throw new IllegalArgumentException("QoS is 0, 1 or 2, not " + qos);
        }
        return qos;
    }

    /** A connected client. */
    MqttClient connect(boolean manualAcks) throws MqttException {
        String id = clientId != null ? clientId : "sluice-" + UUID.randomUUID();
        MqttClient client = new MqttClient(uri, id, new MemoryPersistence());
        client.setManualAcks(manualAcks);
        MqttConnectOptions options = new MqttConnectOptions();
        options.setCleanSession(cleanSession);
        options.setAutomaticReconnect(true);
        options.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setMaxInflight(1000);
        if (user != null) {
            options.setUserName(user);
            options.setPassword(password);
        }
        if (tls != null) {
            options.setSocketFactory(tls);
        }
        client.setTimeToWait(timeout.toMillis());
        client.connect(options);
        return client;
    }

    @Override
    public String toString() {
        return "MqttConf[" + uri + (user == null ? "" : ", user " + user) + "]";
    }
}
