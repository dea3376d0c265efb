package dev.sluice.mqtt;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import dev.sluice.Pair;
import dev.sluice.Processor;
import dev.sluice.config.AbstractNodeType;
import dev.sluice.config.NodeOptions;
import dev.sluice.config.NodeRole;
import dev.sluice.config.OptionSpec;
import dev.sluice.config.OptionType;

/**
 * The MQTT node types of pipeline files, {@code mqtt.subscribe} and {@code mqtt.publish},
 * registered in {@code META-INF/services/dev.sluice.config.NodeType}. From Java, use
 * {@link MqttConf#subscribe} and {@link MqttConf#publish}, which these are built on.
 */
public final class MqttNodeTypes {
    private MqttNodeTypes() {}

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
        } else if (o.has("password")) {
            throw new IllegalArgumentException("node '" + o.nodeName() + "': a password needs a username");
        }
        return conf;
    }

    /**
     * {@code mqtt.subscribe}: the payloads of the messages on a topic filter, as UTF-8 text, or with
     * {@code as: row} each message as a row of topic, payload, qos and retained. QoS 1
     * and 2 messages are acknowledged once every node downstream has processed them; with a
     * {@code client-id} and {@code clean-session: false} the broker sends the unacknowledged ones
     * again after a crash (see {@link MqttSource}).
     */
    public static final class Subscribe extends AbstractNodeType {
        /** For the service loader. */
        public Subscribe() {
            super("mqtt.subscribe", NodeRole.SOURCE,
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

        @Override
        public Object create(NodeOptions o) {
            String as = o.string("as");
            boolean clean = o.bool("clean-session");
            if (!clean && !o.has("client-id")) {
                throw new IllegalArgumentException("node '" + o.nodeName()
                        + "': clean-session: false needs a client-id, by which the broker knows the session again");
            }
            MqttSource source = conf(o).cleanSession(clean).subscribe(o.string("topic"), (int) o.integer("qos"));
            return new Generator<Object>() {
                @Override
                public void generate(NodeContext ctx, Emitter<Object> out) throws Exception {
                    source.generate(ctx, m -> out.emit(switch (as) {
                        case "row" -> row(m);
                        case "bytes" -> m.payload();
                        default -> m.text();
                    }));
                }

                @Override
                public void onStop() throws Exception {
                    source.onStop();
                }
            };
        }
    }

    /** A message as a row for the other nodes of a file: with a wildcard filter, the topic says whose it is. */
    static java.util.Map<String, Object> row(MqttMessage m) {
        java.util.Map<String, Object> row = new dev.sluice.config.Row();
        row.put("topic", m.topic());
        row.put("payload", m.text());
        row.put("qos", m.qos());
        row.put("retained", m.retained());
        return row;
    }

    /**
     * {@code mqtt.publish}: each item as UTF-8 text to a topic, waiting for the broker's
     * acknowledgement (see {@link MqttSink}).
     */
    public static final class Publish extends AbstractNodeType {
        /** For the service loader. */
        public Publish() {
            super("mqtt.publish", NodeRole.SINK, "publishes each item, as text, to a topic and waits for the broker",
                    BROKER, OptionSpec.required("topic", OptionType.STRING,
                            "the topic (no wildcards); {key} in it takes each keyed message's key (json.encode with key)")
                            .matching("[^+#]+", "a topic without '+' or '#'"),
                    QOS, OptionSpec.optional("retained", OptionType.BOOLEAN, "false",
                            "whether the broker keeps the last message for new subscribers"),
                    CLIENT_ID, USER, PASSWORD);
        }

        @Override
        public Object create(NodeOptions o) {
            String topic = o.string("topic");
            int qos = (int) o.integer("qos");
            boolean retained = o.bool("retained");
            MqttSink sink = conf(o).publish(topic, qos, retained);
            if (!topic.contains(KEY)) {
                return sink;
            }
            // each keyed message (json.encode with key) to its own topic: alerts/{key} -> alerts/roof
            return new Processor<Object, Void>() {
                @Override
                public void onStart(NodeContext context) throws Exception {
                    sink.onStart(context);
                }

                @Override
                public void process(Object item, Emitter<Void> out) throws Exception {
                    if (!(item instanceof Pair<?, ?> keyed) || keyed.first() == null || keyed.second() == null) {
                        throw new IllegalArgumentException("topic " + topic + " takes keyed messages with a value"
                                + " (json.encode or message with key), not " + item);
                    }
                    sink.process(MqttMessage.of(topic.replace(KEY, String.valueOf(keyed.first())),
                            String.valueOf(keyed.second()), qos, retained), out);
                }

                @Override
                public void flush(Emitter<Void> out) throws Exception {
                    sink.flush(out);
                }

                @Override
                public void onComplete(Emitter<Void> out) throws Exception {
                    sink.onComplete(out);
                }

                @Override
                public void onStop() throws Exception {
                    sink.onStop();
                }
            };
        }
    }
}
