package dev.sluice.mqtt.nodes;

import dev.sluice.Generator;
import dev.sluice.Pair;
import dev.sluice.Processor;
import dev.sluice.Row;
import dev.sluice.mqtt.MqttConf;
import dev.sluice.mqtt.MqttMessage;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.Delivery;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.SinkType;
import dev.sluice.nodetype.SourceType;
import java.util.Set;

/**
 * The MQTT node types of pipeline files, {@code mqtt.subscribe} and {@code mqtt.publish}. From
 * Java, use {@link MqttConf#subscribe} and {@link MqttConf#publish}, which these are built on.
 */
public final class MqttTypes {
    private MqttTypes() {}

    private static final OptionSpec BROKER = OptionSpec.required("broker", OptionType.STRING,
            "the broker's URI: tcp://host:1883, or ssl://host:8883 (trusting the JVM's certificate authorities)")
            .matching("(tcp|ssl|ws|wss)://\\S+", "a tcp://, ssl://, ws:// or wss:// URI");
    private static final OptionSpec QOS = OptionSpec.optional("qos", OptionType.INT, "1",
            "quality of service: 0 at most once, 1 at least once, 2 exactly once").between(0, 2);
    private static final OptionSpec CLIENT_ID = OptionSpec.optional("client-id", OptionType.STRING, null,
            "a fixed client id (default: a random one); needed with clean-session: false");
    private static final OptionSpec USER = OptionSpec.optional("username", OptionType.STRING, null,
            "the user name to connect with");
    private static final OptionSpec PASSWORD = OptionSpec.optional("password", OptionType.STRING, null,
            "its password; write ${MQTT_PASSWORD} to take it from the environment");

    /** In a publish topic: where each keyed message's key goes. */
    private static final String KEY = "{key}";

    /** The connection every MQTT node of {@code o} makes. */
    static MqttConf conf(NodeOptions o) {
        MqttConf conf = MqttConf.broker(o.string("broker"));
        if (o.has("client-id")) {
            conf = conf.clientId(o.string("client-id"));
        }
        if (o.has("username")) {
            conf = conf.credentials(o.string("username"),
                    o.has("password") ? o.string("password").toCharArray() : new char[0]);
        }
        return conf;
    }

    /**
     * {@code mqtt.subscribe}: the payloads of the messages on a topic filter, as UTF-8 text, or with
     * {@code as: row} each message as a row of topic, payload, qos and retained. QoS 1
     * and 2 messages are acknowledged once every node downstream has processed them; with a
     * {@code client-id} and {@code clean-session: false} the broker sends the unacknowledged ones
     * again after a crash.
     */
    public static final class Subscribe extends AbstractNodeType implements SourceType {
        /** For the service loader. */
        public Subscribe() {
            super("mqtt.subscribe",
                    "emits the payloads, as text, of the messages on a topic filter; acknowledges what was processed",
                    BROKER, OptionSpec.required("topic", OptionType.STRING, "the topic filter ('+' and '#' allowed)"),
                    QOS, CLIENT_ID,
                    OptionSpec.optional("clean-session", OptionType.BOOLEAN, "true",
                            "false: the broker keeps the subscription and unacknowledged messages while disconnected"),
                    OptionSpec.optional("as", OptionType.STRING, "text",
                            "text: each payload; row: topic, payload, qos and retained; bytes: each payload as it is")
                            .matching("text|row|bytes", "text, row or bytes"),
                    USER, PASSWORD);
        }

        /** At least once with QoS 1 or 2 and a persistent session; else messages sent while it is away are lost. */
        @Override
        public Delivery delivery(NodeOptions o) {
            return o.integer("qos") > 0 && !o.bool("clean-session") ? Delivery.AT_LEAST_ONCE : Delivery.NONE;
        }

        @Override
        public void check(NodeOptions o) {
            if (!o.bool("clean-session") && !o.has("client-id")) {
                throw new IllegalArgumentException(
                        "clean-session: false needs a client-id, by which the broker knows the session again");
            }
            checkCredentials(o);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.named(o.string("as"));
        }

        @Override
        public Generator<Object> create(NodeOptions o) {
            check(o);
            String as = o.string("as");
            return conf(o).cleanSession(o.bool("clean-session")).subscribe(o.string("topic"), (int) o.integer("qos"))
                    .map(m -> switch (as) {
                        case "row" -> row(m);
                        case "bytes" -> m.payload();
                        default -> m.text();
                    });
        }
    }

    /** A message as a row for the other nodes of a file: with a wildcard filter, the topic says whose it is. */
    static Row row(MqttMessage m) {
        Row row = new Row();
        row.put("topic", m.topic());
        row.put("payload", m.text());
        row.put("qos", m.qos());
        row.put("retained", m.retained());
        return row;
    }

    /**
     * {@code mqtt.publish}: each item as UTF-8 text to a topic, waiting for the broker's
     * acknowledgement.
     */
    public static final class Publish extends AbstractNodeType implements SinkType {
        /** For the service loader. */
        public Publish() {
            super("mqtt.publish", "publishes each item, as text, to a topic and waits for the broker",
                    BROKER, OptionSpec.required("topic", OptionType.STRING,
                            "the topic (no wildcards); {key} in it takes each keyed message's key (json.encode with key)")
                            .matching("[^+#]+", "a topic without '+' or '#'"),
                    QOS, OptionSpec.optional("retained", OptionType.BOOLEAN, "false",
                            "whether the broker keeps the last message for new subscribers"),
                    CLIENT_ID, USER, PASSWORD,
                    OptionSpec.optional("reconnect-wait", OptionType.DURATION, "60s",
                            "how long a publish waits for a lost connection to come back before it fails"));
        }

        /** QoS 0 may lose a message; 1 and 2 wait for the broker: at least once. */
        @Override
        public Delivery delivery(NodeOptions o) {
            return o.integer("qos") > 0 ? Delivery.AT_LEAST_ONCE : Delivery.NONE;
        }

        @Override
        public void check(NodeOptions o) {
            checkCredentials(o);
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return o.string("topic").contains(KEY) ? Set.of(ItemType.MESSAGE) : ItemType.WRITABLE;
        }

        @Override
        public Processor<Object, Void> create(NodeOptions o) {
            check(o);
            String topic = o.string("topic");
            int qos = (int) o.integer("qos");
            boolean retained = o.bool("retained");
            Processor<Object, Void> sink = conf(o).reconnectWait(o.duration("reconnect-wait")).publish(topic, qos, retained);
            if (!topic.contains(KEY)) {
                return sink;
            }
            // each keyed message (json.encode with key) to its own topic: alerts/{key} -> alerts/roof
            return sink.mapInput(item -> {
                if (!(item instanceof Pair<?, ?> keyed) || keyed.first() == null || keyed.second() == null) {
                    throw new IllegalArgumentException("topic " + topic + " takes keyed messages with a value"
                            + " (json.encode or message with key), not " + item);
                }
                return MqttMessage.of(topic.replace(KEY, String.valueOf(keyed.first())),
                        String.valueOf(keyed.second()), qos, retained);
            });
        }
    }

    private static void checkCredentials(NodeOptions o) {
        if (o.has("password") && !o.has("username")) {
            throw new IllegalArgumentException("a password needs a username");
        }
    }
}
