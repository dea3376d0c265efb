package dev.sluice.cli;

import dev.sluice.Emitter;
import dev.sluice.NodeContext;
import dev.sluice.Processor;
import dev.sluice.config.AbstractNodeType;
import dev.sluice.config.NodeOptions;
import dev.sluice.config.NodeRole;
import dev.sluice.config.OptionSpec;
import dev.sluice.config.OptionType;
import dev.sluice.files.Csv;
import dev.sluice.files.FileNodes;
import dev.sluice.log.LogRecord;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamLog;
import java.util.List;

/**
 * The node types that come with Sluice. Each is a small class named after what it makes; all of
 * them only call the public API of the node families.
 */
final class BuiltinTypes {
    private BuiltinTypes() {}

    /** Base with the three descriptive parts. */
    /** The built-in types' base: see {@link AbstractNodeType}. */
    abstract static class Base extends AbstractNodeType {
        Base(String name, NodeRole role, String description, OptionSpec... options) {
            super(name, role, description, options);
        }

        Base(String name, NodeRole role, String description, List<OptionSpec> options) {
            super(name, role, description, options);
        }
    }

    /** An item as a line of text; a binary message is refused, as its bytes are no text. */
    static String line(Object item) {
        if (item instanceof byte[]) {
            throw new IllegalArgumentException("a binary message is no line of text: decode it first (avro.decode),"
                    + " or send it to kafka.write, mqtt.publish or log.append");
        }
        return String.valueOf(item);
    }

    /** {@code print}: writes each item to standard output. */
    public static final class Print extends Base {
        public Print() {
            super("print", NodeRole.SINK, "prints each item on its own line",
                    OptionSpec.optional("prefix", OptionType.STRING, "", "text put before each item"));
        }

        @Override
        public Object create(NodeOptions o) {
            String prefix = o.string("prefix");
            return (Processor<Object, Object>) (item, out) -> System.out.println(prefix + line(item));
        }
    }

    /** {@code files.watch}: new and changed files of a directory. */
    public static final class Watch extends Base {
        public Watch() {
            super("files.watch", NodeRole.SOURCE, "emits the files of a directory that appear or change",
                    OptionSpec.required("directory", OptionType.PATH, "the directory to watch"),
                    OptionSpec.optional("glob", OptionType.STRING, "*", "file names to watch"),
                    OptionSpec.optional("existing", OptionType.BOOLEAN, "true", "emit files already there"),
                    OptionSpec.optional("poll", OptionType.DURATION, "500ms", "scan interval"));
        }

        @Override
        public Object create(NodeOptions o) {
            return FileNodes.watch(o.path("directory")).glob(o.string("glob")).includeExisting(o.bool("existing"))
                    .pollInterval(o.duration("poll")).build();
        }
    }

    /** {@code files.lines}: the lines of each file. */
    public static final class Lines extends Base {
        public Lines() {
            super("files.lines", NodeRole.PROCESSOR, "reads each file it receives line by line");
        }

        @Override
        public Object create(NodeOptions o) {
            return FileNodes.lines();
        }

        @Override
        public Object parseInput(String text, int index) {
            return java.nio.file.Path.of(text);
        }
    }

    /** {@code files.read}: the lines of one file, then the end of the stream. */
    public static final class Read extends Base {
        public Read() {
            super("files.read", NodeRole.SOURCE, "emits the lines of one file, then completes",
                    OptionSpec.required("file", OptionType.PATH, "the file to read"));
        }

        @Override
        public Object create(NodeOptions o) {
            java.nio.file.Path file = o.path("file");
            Processor<java.nio.file.Path, dev.sluice.files.Line> lines = FileNodes.lines();
            return (dev.sluice.Generator<dev.sluice.files.Line>) (ctx, out) -> lines.process(file, out);
        }
    }

    /** {@code files.tail}: follows a growing file. */
    public static final class TailType extends Base {
        public TailType() {
            super("files.tail", NodeRole.SOURCE, "emits the lines appended to a file, surviving rotation",
                    OptionSpec.required("file", OptionType.PATH, "the file to follow"),
                    OptionSpec.optional("from-start", OptionType.BOOLEAN, "false", "read what is already there"),
                    OptionSpec.optional("poll", OptionType.DURATION, "200ms", "how often to look"));
        }

        @Override
        public Object create(NodeOptions o) {
            return FileNodes.tail(o.path("file")).fromStart(o.bool("from-start")).pollInterval(o.duration("poll")).build();
        }
    }

    /** {@code files.write}: appends items as lines to a file. */
    public static final class Write extends Base {
        public Write() {
            super("files.write", NodeRole.SINK, "appends each item as a line of text to a file",
                    OptionSpec.required("file", OptionType.PATH, "the file to write"));
        }

        @Override
        public Object create(NodeOptions o) {
            Processor<String, Void> sink = FileNodes.writeLines(o.path("file"));
            return new Processor<Object, Void>() {
                @Override
                public void onStart(NodeContext ctx) throws Exception {
                    sink.onStart(ctx);
                }

                @Override
                public void process(Object item, Emitter<Void> out) throws Exception {
                    sink.process(line(item), out);
                }

                // a source acknowledges its records only after this: the lines must leave the buffer
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

    /** {@code csv.parse}: CSV lines to rows. */
    public static final class CsvParse extends Base {
        public CsvParse() {
            super("csv.parse", NodeRole.PROCESSOR, "parses CSV lines (from files.lines) into rows; the first line is the header",
                    OptionSpec.optional("delimiter", OptionType.CHAR, ",", "field separator"),
                    OptionSpec.optional("quote", OptionType.CHAR, "\"", "quote character"));
        }

        @Override
        public Object create(NodeOptions o) {
            return Csv.parser().delimiter(o.character("delimiter")).quote(o.character("quote")).build();
        }

        @Override
        public Object parseInput(String text, int index) {
            // the inputs of a test are the lines of one file, so the first is the header
            return new dev.sluice.files.Line(java.nio.file.Path.of("test-input"), index, text);
        }
    }

    /**
     * {@code csv.format}: rows to CSV lines (RFC 4180 quoting), a header line first: the other way
     * of {@code csv.parse}, for {@code files.write}.
     */
    public static final class CsvFormat extends Base {
        public CsvFormat() {
            super("csv.format", NodeRole.PROCESSOR, "formats rows as CSV lines, a header line first, for files.write",
                    OptionSpec.optional("columns", OptionType.STRING, "",
                            "the columns, in order, separated by commas; empty: the first row's fields"),
                    OptionSpec.optional("header", OptionType.BOOLEAN, "true", "write the column names first"),
                    OptionSpec.optional("delimiter", OptionType.CHAR, ",", "field separator"),
                    OptionSpec.optional("quote", OptionType.CHAR, "\"", "quote character"));
        }

        @Override
        public Object create(NodeOptions o) {
            String given = o.string("columns");
            return new Processor<Object, String>() {
                private dev.sluice.files.CsvCodec codec;
                private String[] columns;

                @Override
                public void process(Object item, Emitter<String> out) {
                    java.util.Map<String, Object> row = fields(item);
                    if (codec == null) {
                        columns = given.isBlank() ? row.keySet().toArray(String[]::new)
                                : java.util.Arrays.stream(given.split(",")).map(String::trim).toArray(String[]::new);
                        codec = Csv.parser().delimiter(o.character("delimiter")).quote(o.character("quote"))
                                .columns(columns).codec();
                        if (o.bool("header")) {
                            java.util.Map<String, Object> names = new java.util.LinkedHashMap<>();
                            for (String c : columns) {
                                names.put(c, c);
                            }
                            out.emit(text(codec.encode(names)));
                        }
                    }
                    for (String c : columns) {
                        if (!row.containsKey(c)) {
                            throw new IllegalArgumentException("no column '" + c + "' in " + item);
                        }
                    }
                    out.emit(text(codec.encode(row)));
                }
            };
        }

        /** A row's fields, nested objects and lists (from json.decode) as their JSON. */
        private static java.util.Map<String, Object> fields(Object item) {
            if (item instanceof dev.sluice.files.CsvRow r) {
                return r.values();
            }
            if (item instanceof java.util.Map<?, ?> m) {
                java.util.Map<String, Object> fields = new java.util.LinkedHashMap<>();
                m.forEach((k, v) -> fields.put(String.valueOf(k), v instanceof java.util.Map<?, ?>
                        || v instanceof java.util.Collection<?> ? dev.sluice.config.Row.text(v) : v));
                return fields;
            }
            throw new IllegalArgumentException("csv.format takes rows (csv.parse, json.decode, as: row), not " + item);
        }

        private static String text(byte[] utf8) {
            return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** Where a log node's log is: the {@code kafka} option if given, else the {@code directory}. */
    private static final OptionSpec LOG_DIRECTORY = OptionSpec.optional("directory", OptionType.PATH, "sluice-log",
            "the embedded log's directory (not used with kafka)");
    private static final OptionSpec LOG_KAFKA = OptionSpec.optional("kafka", OptionType.STRING, null,
            "bootstrap servers (host:port,...) of a Kafka cluster holding the log, instead of a directory");
    private static final OptionSpec LOG_PARTITIONS = OptionSpec.optional("partitions", OptionType.INT, "1",
            "with kafka: partitions of a stream this node creates; a group's consumers share them").between(1, 1_000_000);
    private static final OptionSpec LOG_NAMESPACE = OptionSpec.optional("namespace", OptionType.STRING, "",
            "with kafka: a prefix of the names of the log's topics and groups, to share a cluster")
            .matching("[A-Za-z0-9._-]{0,100}", "up to 100 of the characters Kafka allows in topic names"
                    + " (letters, digits, '.', '_', '-')");

    /** Checks a {@code log.*} node's options when the pipeline is built, before anything runs. */
    static void checkLogOptions(NodeOptions o) {
        if (o.has("kafka") && o.string("kafka").isBlank()) {
            throw new IllegalArgumentException("node '" + o.nodeName() + "': kafka names no bootstrap server");
        }
    }

    /** Opens the log a {@code log.*} node's options point at. */
    static StreamLog openLog(NodeOptions o) {
        return new LogLocation(o.has("directory") ? o.path("directory") : null, o.has("kafka") ? o.string("kafka") : null,
                (int) partitions(o), namespace(o)).open();
    }

    private static String namespace(NodeOptions o) {
        return o.has("namespace") ? o.string("namespace") : "";
    }

    private static long partitions(NodeOptions o) {
        return o.has("partitions") ? o.integer("partitions") : 1;
    }

    /** {@code log.append}: appends items as text to a durable stream. */
    public static final class LogAppend extends Base {
        public LogAppend() {
            super("log.append", NodeRole.SINK, "appends each item, as text, to a stream of the log (embedded, or on Kafka)",
                    OptionSpec.required("stream", OptionType.STRING, "the stream's name"),
                    LOG_DIRECTORY, LOG_KAFKA, LOG_PARTITIONS, LOG_NAMESPACE);
        }

        @Override
        public Object create(NodeOptions o) {
            checkLogOptions(o);
            // Appends go through the log's group commit, so a commit (and its fsync) serves many
            // items; a source upstream is told its records were processed (flush) only once
            // every append before it is durable.
            return new Processor<Object, Void>() {
                StreamLog log;
                LogStream stream;
                java.util.List<java.util.concurrent.CompletableFuture<Long>> pending = new java.util.ArrayList<>();

                @Override
                public void onStart(NodeContext ctx) {
                    log = openLog(o);
                    stream = log.stream(o.string("stream"));
                }

                @Override
                public void process(Object item, Emitter<Void> out) throws Exception {
                    pending.add(stream.appendAsync(entry(item)));
                    if (pending.size() >= 1024) {
                        awaitAppends(); // bounds what is in flight
                    }
                }

                @Override
                public void flush(Emitter<Void> out) throws Exception {
                    awaitAppends();
                }

                @Override
                public void onComplete(Emitter<Void> out) throws Exception {
                    awaitAppends();
                }

                private void awaitAppends() throws Exception {
                    try {
                        for (var append : pending) {
                            append.get();
                        }
                    } catch (java.util.concurrent.ExecutionException e) {
                        throw e.getCause() instanceof Exception cause ? cause : e;
                    } finally {
                        pending.clear();
                    }
                }

                @Override
                public void onStop() {
                    if (log != null) {
                        log.close();
                    }
                }
            };
        }
    }

    /**
     * An item as a log entry: text, or a keyed message from {@code json.encode} or {@code message}
     * with {@code key} (a null key: none). The log keeps no tombstones: a message without a value
     * fails, for the node's {@code on_error}.
     */
    static dev.sluice.log.LogEntry entry(Object item) {
        if (item instanceof dev.sluice.Pair<?, ?> keyed) {
            if (keyed.second() == null) {
                throw new IllegalArgumentException("the log takes no message without a value (a tombstone): " + item);
            }
            return new dev.sluice.log.LogEntry(utf8(keyed.first()), utf8(keyed.second()), java.util.Map.of(),
                    java.time.Instant.now());
        }
        return dev.sluice.log.LogEntry.of(utf8(item));
    }

    /** Text as UTF-8; bytes (from avro.encode or a source's as: bytes) as they are. */
    private static byte[] utf8(Object text) {
        return text == null ? null : text instanceof byte[] b ? b
                : String.valueOf(text).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A record as a row for the other nodes of a file. */
    static java.util.Map<String, Object> row(LogRecord r) {
        java.util.Map<String, Object> row = new dev.sluice.config.Row();
        row.put("position", r.position());
        row.put("timestamp", r.timestamp().toString());
        row.put("key", r.key() == null ? null : new String(r.key(), java.nio.charset.StandardCharsets.UTF_8));
        row.put("payload", r.text());
        row.put("headers", r.headers());
        return row;
    }

    /** {@code log.read}: a consumer group's unprocessed records, as text or rows. */
    public static final class LogRead extends Base {
        public LogRead() {
            super("log.read", NodeRole.SOURCE, "emits, as text, the records of a stream a consumer group has not processed",
                    OptionSpec.required("stream", OptionType.STRING, "the stream's name"),
                    OptionSpec.required("group", OptionType.STRING, "the consumer group"),
                    LOG_DIRECTORY, LOG_KAFKA, LOG_PARTITIONS, LOG_NAMESPACE,
                    OptionSpec.optional("as", OptionType.STRING, "text",
                            "text: each payload; row: position, timestamp, key, payload and headers;"
                                    + " bytes: each payload as it is, for avro.decode")
                            .matching("text|row|bytes", "text, row or bytes"));
        }

        @Override
        public Object create(NodeOptions o) {
            checkLogOptions(o);
            String as = o.string("as");
            return new dev.sluice.Generator<Object>() {
                private StreamLog log;
                private dev.sluice.Generator<LogRecord> source;

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
