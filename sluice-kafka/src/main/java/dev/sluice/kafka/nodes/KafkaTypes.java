package dev.sluice.kafka.nodes;

import dev.sluice.Generator;
import dev.sluice.Processor;
import dev.sluice.Row;
import dev.sluice.kafka.KafkaConf;
import dev.sluice.kafka.KafkaRecord;
import dev.sluice.kafka.StartAt;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.SinkType;
import dev.sluice.nodetype.SourceType;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The Kafka node types of pipeline files, {@code kafka.read} and {@code kafka.write}. From Java,
 * use {@link dev.sluice.kafka.Topic#source()} and {@link dev.sluice.kafka.Topic#sink()}, which
 * these are built on.
 */
public final class KafkaTypes {
    private KafkaTypes() {}

    private static final OptionSpec BOOTSTRAP = OptionSpec.required("bootstrap", OptionType.STRING,
            "the brokers to connect to first, host:port[,host:port...]").matching("\\S+(,\\S+)*",
                    "host:port pairs separated by commas");
    private static final OptionSpec TOPIC = OptionSpec.required("topic", OptionType.STRING, "the topic")
            .matching("[A-Za-z0-9._-]{1,249}", "a Kafka topic name (letters, digits, '.', '_', '-')");
    private static final OptionSpec CONFIG = OptionSpec.optional("config", OptionType.PATH, null,
            "a Java properties file of further client settings (security.protocol, sasl.*, ssl.*, ...)");

    /** A Kafka node's client settings: the config file's, if any, and the bootstrap servers over them. */
    static Map<String, Object> settings(NodeOptions o) throws IOException {
        Map<String, Object> settings = new HashMap<>();
        if (o.has("config")) {
            Path file = o.path("config");
            Properties p = new Properties();
            try (Reader r = Files.newBufferedReader(file)) {
                p.load(r);
            } catch (IOException e) {
                throw new IOException("node '" + o.nodeName() + "': cannot read its Kafka settings " + file + ": " + e, e);
            }
            p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k)));
        }
        settings.put("bootstrap.servers", o.string("bootstrap"));
        return settings;
    }

    /**
     * {@code kafka.read}: the records of a topic in a consumer group, their values as UTF-8 text
     * (records without a value, tombstones, are passed over), or with {@code as: row} each record
     * as a row of its fields. Offsets are committed once every node downstream has processed the
     * records.
     */
    public static final class Read extends AbstractNodeType implements SourceType {
        /** For the service loader. */
        public Read() {
            super("kafka.read",
                    "emits the values of a topic's records, as text, in a consumer group; commits what was processed",
                    TOPIC, BOOTSTRAP,
                    OptionSpec.required("group", OptionType.STRING, "the consumer group"),
                    OptionSpec.optional("start", OptionType.STRING, "earliest",
                            "where a group without committed offsets starts: earliest or latest")
                            .matching("earliest|latest", "earliest or latest"),
                    OptionSpec.optional("as", OptionType.STRING, "text",
                            "text: each value; row: topic, partition, offset, timestamp, key, value and headers;"
                                    + " bytes: each value as it is, for avro.decode")
                            .matching("text|row|bytes", "text, row or bytes"),
                    CONFIG);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.named(o.string("as"));
        }

        @Override
        public Generator<Object> create(NodeOptions o) throws IOException {
            Generator<KafkaRecord> source = KafkaConf.of(settings(o)).topic(o.string("topic")).source()
                    .group(o.string("group"))
                    .startAt("latest".equals(o.string("start")) ? StartAt.latest() : StartAt.earliest())
                    .build();
            String as = o.string("as");
            // a row keeps tombstones (its key says what was deleted); text and bytes pass them over
            return source.map(r -> as.equals("row") ? row(r)
                    : r.value() == null ? null : as.equals("bytes") ? r.value() : r.text());
        }
    }

    /** A record as a row for the other nodes of a file: its fields by name, key and value as text. */
    static Row row(KafkaRecord r) {
        Row row = new Row();
        row.put("topic", r.topic());
        row.put("partition", r.partition());
        row.put("offset", r.offset());
        row.put("timestamp", r.timestamp().toString());
        row.put("key", r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
        row.put("value", r.text());
        row.put("headers", r.headers());
        return row;
    }

    /**
     * {@code kafka.write}: each item as UTF-8 text to a topic; {@code acks=all} and an idempotent
     * producer, flushed before a source upstream is told its items were processed.
     */
    public static final class Write extends AbstractNodeType implements SinkType {
        /** For the service loader. */
        public Write() {
            super("kafka.write",
                    "sends each item, as text, to a topic; a source upstream commits only what the brokers have",
                    TOPIC, BOOTSTRAP, CONFIG);
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return ItemType.WRITABLE;
        }

        @Override
        public Processor<Object, Void> create(NodeOptions o) throws IOException {
            return KafkaConf.of(settings(o)).topic(o.string("topic")).sink();
        }
    }
}
