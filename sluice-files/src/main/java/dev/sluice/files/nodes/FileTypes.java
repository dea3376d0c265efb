package dev.sluice.files.nodes;

import dev.sluice.Generator;
import dev.sluice.Processor;
import dev.sluice.files.FileNodes;
import dev.sluice.files.Line;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.Delivery;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.ProcessorType;
import dev.sluice.nodetype.SinkType;
import dev.sluice.nodetype.SourceType;
import java.nio.file.Path;
import java.util.Set;

/** The {@code files.*} node types of pipeline files, built on {@link FileNodes}. */
public final class FileTypes {
    private FileTypes() {}

    /** {@code files.watch}: new and changed files of a directory. */
    public static final class Watch extends AbstractNodeType implements SourceType {
        /** For the service loader. */
        public Watch() {
            super("files.watch", "emits the files of a directory that appear or change",
                    OptionSpec.required("directory", OptionType.PATH, "the directory to watch"),
                    OptionSpec.optional("glob", OptionType.STRING, "*", "file names to watch"),
                    OptionSpec.optional("existing", OptionType.BOOLEAN, "true", "emit files already there"),
                    OptionSpec.optional("poll", OptionType.DURATION, "500ms", "scan interval"));
        }

        /** It starts afresh after a restart: it keeps no position. */
        @Override
        public Delivery delivery(NodeOptions o) {
            return Delivery.NONE;
        }

        @Override
        public Generator<Path> create(NodeOptions o) {
            return FileNodes.watch(o.path("directory")).glob(o.string("glob")).includeExisting(o.bool("existing"))
                    .pollInterval(o.duration("poll")).build();
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.FILE;
        }
    }

    /** {@code files.lines}: the lines of each file it receives. */
    public static final class Lines extends AbstractNodeType implements ProcessorType {
        /** For the service loader. */
        public Lines() {
            super("files.lines", "reads each file it receives line by line", MAX_LINE);
        }

        @Override
        public Processor<Object, ?> create(NodeOptions o) {
            return FileNodes.lines((int) o.integer("max-line")).mapInput(FileTypes::path);
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return Set.of(ItemType.FILE, ItemType.TEXT);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.LINE;
        }

        @Override
        public Object testInput(String text, int index) {
            return Path.of(text);
        }
    }

    /** A file to read: a path, or its name as text. */
    private static Path path(Object item) {
        return item instanceof Path p ? p : Path.of(String.valueOf(item));
    }

    /** The longest line, for the line readers: memory stays bounded whatever a file holds. */
    static final OptionSpec MAX_LINE = OptionSpec.optional("max-line", OptionType.INT, String.valueOf(FileNodes.DEFAULT_MAX_LINE),
            "the longest line, in bytes: a longer one (or one that is not UTF-8) is skipped and goes to on_error"
                    + " with its place").between(1, 1 << 30);

    /** {@code files.read}: the lines of one file, then the end of the stream. */
    public static final class Read extends AbstractNodeType implements SourceType {
        /** For the service loader. */
        public Read() {
            super("files.read", "emits the lines of one file, then completes",
                    OptionSpec.required("file", OptionType.PATH, "the file to read"), MAX_LINE);
        }

        /** It starts afresh after a restart: it keeps no position. */
        @Override
        public Delivery delivery(NodeOptions o) {
            return Delivery.NONE;
        }

        @Override
        public Generator<Line> create(NodeOptions o) {
            Path file = o.path("file");
            Processor<Path, Line> lines = FileNodes.lines((int) o.integer("max-line"));
            return (ctx, out) -> {
                lines.onStart(ctx); // a bad line goes to this node's on_error
                lines.process(file, out);
            };
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.LINE;
        }
    }

    /** {@code files.tail}: follows a growing file. */
    public static final class Tail extends AbstractNodeType implements SourceType {
        /** For the service loader. */
        public Tail() {
            super("files.tail", "emits the lines appended to a file, surviving rotation",
                    OptionSpec.required("file", OptionType.PATH, "the file to follow"),
                    OptionSpec.optional("from-start", OptionType.BOOLEAN, "false", "read what is already there"),
                    OptionSpec.optional("poll", OptionType.DURATION, "200ms", "how often to look"), MAX_LINE);
        }

        /** It starts afresh after a restart: it keeps no position. */
        @Override
        public Delivery delivery(NodeOptions o) {
            return Delivery.NONE;
        }

        @Override
        public Generator<String> create(NodeOptions o) {
            return FileNodes.tail(o.path("file")).fromStart(o.bool("from-start")).pollInterval(o.duration("poll"))
                    .maxLine((int) o.integer("max-line")).build();
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.TEXT;
        }
    }

    /** {@code files.write}: appends items as lines to a file. */
    public static final class Write extends AbstractNodeType implements SinkType {
        /** For the service loader. */
        public Write() {
            super("files.write", "appends each item as a line of text to a file",
                    OptionSpec.required("file", OptionType.PATH, "the file to write"));
        }

        @Override
        public Processor<Object, Void> create(NodeOptions o) {
            // flush hands the lines to the operating system before a source upstream acknowledges them
            return FileNodes.writeLines(o.path("file")).mapInput(FileTypes::line);
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return Set.of(ItemType.TEXT, ItemType.LINE, ItemType.ROW, ItemType.MESSAGE, ItemType.FILE, ItemType.BATCH);
        }
    }

    /** An item as a line of text; a binary message is refused, as its bytes are no text. */
    static String line(Object item) {
        if (item instanceof byte[]) {
            throw new IllegalArgumentException("a binary message is no line of text: decode it first (avro.decode),"
                    + " or send it to kafka.write, mqtt.publish or log.append");
        }
        // a batch as one JSON array, not Java's [a, b]: the text every sink writes for a value
        return item == null ? "null" : dev.sluice.Row.text(item);
    }
}
