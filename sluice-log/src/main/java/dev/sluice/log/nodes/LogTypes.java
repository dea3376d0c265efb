package dev.sluice.log.nodes;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import dev.sluice.Pair;
import dev.sluice.Processor;
import dev.sluice.Row;
import dev.sluice.checkpoint.Transactional;
import dev.sluice.log.LogCheckpointStore;
import dev.sluice.log.LogEntry;
import dev.sluice.log.LogRecord;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamLog;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.Delivery;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.SinkType;
import dev.sluice.nodetype.SourceType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code log.read} and {@code log.append}: a consumer group's records and appends to a stream of
 * the durable log, embedded in a directory or, with {@code kafka}, on a Kafka cluster (through the
 * {@code kafka} backend that {@code sluice-log-kafka} provides).
 */
public final class LogTypes {
    private LogTypes() {}

    private static final OptionSpec DIRECTORY = OptionSpec.optional("directory", OptionType.PATH, "sluice-log",
            "the embedded log's directory (not used with kafka)");
    private static final OptionSpec KAFKA = OptionSpec.optional("kafka", OptionType.STRING, null,
            "bootstrap servers (host:port,...) of a Kafka cluster holding the log, instead of a directory")
            .matching("\\S+(,\\S+)*", "host:port pairs separated by commas");
    private static final OptionSpec PARTITIONS = OptionSpec.optional("partitions", OptionType.INT, "1",
            "with kafka: partitions of a stream this node creates; a group's consumers share them").between(1, 1_000_000);
    private static final OptionSpec NAMESPACE = OptionSpec.optional("namespace", OptionType.STRING, "",
            "with kafka: a prefix of the names of the log's topics and groups, to share a cluster")
            .matching("[A-Za-z0-9._-]{0,100}", "up to 100 of the characters Kafka allows in topic names"
                    + " (letters, digits, '.', '_', '-')");
    private static final OptionSpec STREAM = OptionSpec.required("stream", OptionType.STRING, "the stream's name");

    /** Opens the log a {@code log.*} node's options point at. */
    static StreamLog openLog(NodeOptions o) {
        if (!o.has("kafka")) {
            return StreamLog.open(o.path("directory"));
        }
        return StreamLog.open("kafka", o.string("kafka"),
                Map.of("partitions", Long.toString(o.integer("partitions")), "namespace", o.string("namespace")));
    }

    /** {@code log.append}: appends items to a durable stream. */
    public static final class Append extends AbstractNodeType implements SinkType {
        /** For the service loader. */
        public Append() {
            super("log.append", "appends each item, as text, to a stream of the log (embedded, or on Kafka)",
                    STREAM, DIRECTORY, KAFKA, PARTITIONS, NAMESPACE);
        }

        /** Its appends are committed by the checkpoints, on the embedded log; on Kafka, at least once. */
        @Override
        public Delivery delivery(NodeOptions o) {
            return o.has("kafka") ? Delivery.AT_LEAST_ONCE : Delivery.CHECKPOINTED;
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return ItemType.WRITABLE;
        }

        @Override
        public Processor<Object, Void> create(NodeOptions o) {
            return new Appender(o);
        }
    }

    /** {@code log.append}'s node: the stream's {@link LogStream#sink()}, on a log it opens when it starts. */
    private static final class Appender implements Processor<Object, Void>, Transactional {
        private final NodeOptions o;
        private boolean checkpointing;
        private StreamLog log;
        private Processor<Object, Void> sink;

        Appender(NodeOptions o) {
            this.o = o;
        }

        @Override
        public void checkpointing(boolean on) {
            checkpointing = on;
        }

        @Override
        public void onStart(NodeContext ctx) throws Exception {
            log = openLog(o);
            sink = log.stream(o.string("stream")).sink();
            ((Transactional) sink).checkpointing(checkpointing);
            sink.onStart(ctx);
        }

        @Override
        public void process(Object item, Emitter<Void> out) throws Exception {
            sink.process(item, out);
        }

        @Override
        public Object prepareCommit() throws Exception {
            return ((Transactional) sink).prepareCommit();
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
        public void onStop() {
            if (log != null) {
                log.close();
            }
        }
    }

    /** A record as a row for the other nodes of a file. */
    static Row row(LogRecord r) {
        Row row = new Row();
        row.put("position", r.position());
        row.put("timestamp", r.timestamp().toString());
        row.put("key", r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8));
        row.put("payload", r.text());
        row.put("headers", r.headers());
        return row;
    }

    /** {@code log.read}: a consumer group's unprocessed records, as text, rows or bytes. */
    public static final class Read extends AbstractNodeType implements SourceType {
        /** For the service loader. */
        public Read() {
            super("log.read", "emits, as text, the records of a stream a consumer group has not processed",
                    STREAM, OptionSpec.required("group", OptionType.STRING, "the consumer group"),
                    DIRECTORY, KAFKA, PARTITIONS, NAMESPACE,
                    OptionSpec.optional("as", OptionType.STRING, "text",
                            "text: each payload; row: position, timestamp, key, payload and headers;"
                                    + " bytes: each payload as it is, for avro.decode")
                            .matching("text|row|bytes", "text, row or bytes"));
        }

        /** Its positions join the checkpoints, on the embedded log; on Kafka, acknowledged: at least once. */
        @Override
        public Delivery delivery(NodeOptions o) {
            return o.has("kafka") ? Delivery.AT_LEAST_ONCE : Delivery.CHECKPOINTED;
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.named(o.string("as"));
        }

        @Override
        public Generator<Object> create(NodeOptions o) {
            String as = o.string("as");
            return new Generator<>() {
                private StreamLog log;
                private Generator<LogRecord> source;

                @Override
                public void generate(NodeContext ctx, Emitter<Object> out) throws Exception {
                    log = openLog(o);
                    source = log.stream(o.string("stream")).source(o.string("group"));
                    source.generate(ctx, (LogRecord r) -> out.emit(switch (as) {
                        case "row" -> row(r);
                        case "bytes" -> r.payload();
                        default -> r.text();
                    }));
                }

                // runs once the records are acknowledged: only then may the log close
                @Override
                public void onStop() throws Exception {
                    try {
                        if (source != null) {
                            source.onStop();
                        }
                    } finally {
                        if (log != null) {
                            log.close();
                        }
                    }
                }
            };
        }
    }
}
