package dev.sluice.files;

import dev.sluice.Codec;
import dev.sluice.CodecException;
import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import dev.sluice.Processor;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Ready-made file nodes, nanostream's built-ins and more.
 *
 * <pre>{@code
 * // watch a directory, read each new or changed CSV file, parse its rows, print them
 * pipeline.generate("watch", FileNodes.watch(Path.of("data_directory")).glob("*.csv").build())
 *         .to(pipeline.node("read", FileNodes.lines()))
 *         .to(pipeline.node("csv", Csv.parser().build()))
 *         .sink(System.out::println);
 * }</pre>
 */
public final class FileNodes {
    private FileNodes() {}

    /**
     * A source emitting the files of {@code directory} that appear or change (nanostream's
     * {@code LocalDirectoryWatchdog}). A file is emitted once it has <em>settled</em>: its size and
     * modification time are the same on two looks one poll interval apart, so a file still being
     * written is not read half-way; a file that changes again later is emitted again. The
     * directory is scanned every poll interval, and the platform's {@code WatchService} wakes the
     * scan early where it works (polling alone still works on network file systems). Files are
     * emitted in name order within a scan; not recursive.
     */
    public static WatchBuilder watch(Path directory) {
        return new WatchBuilder(directory);
    }

    /** Settings of a directory watch; {@link #build()} makes its generator. */
    public static final class WatchBuilder {
        private final Path directory;
        private String glob = "*";
        private boolean includeExisting = true;
        private Duration pollInterval = Duration.ofMillis(500);
        private boolean useWatchService = true;

        WatchBuilder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** Only file names matching this glob, e.g. {@code *.csv}. Default: every file. */
        public WatchBuilder glob(String pattern) {
            this.glob = Objects.requireNonNull(pattern, "pattern");
            return this;
        }

        /** Whether files already there at start are emitted. Default: true. */
        public WatchBuilder includeExisting(boolean include) {
            this.includeExisting = include;
            return this;
        }

        /** How often the directory is scanned, and how long a file must stay unchanged. Default 500 ms. */
        public WatchBuilder pollInterval(Duration interval) {
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("poll interval must be positive");
            }
            this.pollInterval = interval;
            return this;
        }

        /** Whether to use the platform's WatchService to scan early. Default: true. */
        public WatchBuilder watchService(boolean use) {
            this.useWatchService = use;
            return this;
        }

        /** The source's generator. */
        public Generator<Path> build() {
            return new DirectoryWatch(directory, glob, includeExisting, pollInterval, useWatchService);
        }
    }

    /** Reads each file it receives as one UTF-8 string (for small files). */
    public static Processor<Path, String> readText() {
        return (path, out) -> out.emit(Files.readString(path, StandardCharsets.UTF_8));
    }

    /** Reads each file it receives as bytes (for small files). */
    public static Processor<Path, byte[]> readBytes() {
        return (path, out) -> out.emit(Files.readAllBytes(path));
    }

    /** The longest line the line readers take by default, in bytes: 1 MiB. */
    public static final int DEFAULT_MAX_LINE = 1 << 20;

    /**
     * Reads each file it receives line by line (UTF-8), streaming: any file size, lines up to
     * {@link #DEFAULT_MAX_LINE} bytes (see {@link #lines(int)}).
     */
    public static Processor<Path, Line> lines() {
        return lines(DEFAULT_MAX_LINE);
    }

    /**
     * Reads each file it receives line by line (UTF-8), streaming, in memory bounded by
     * {@code maxLine}: a longer line, or one that is not UTF-8, is skipped and handed to the
     * node's error policy with the reason, as a {@link Line} holding its start and its place
     * ({@code data.csv:12: not UTF-8 text: byte 7 of the line is 0xff: skipped}); under the
     * default fail policy that stops the pipeline, under a dead letter the file reads on.
     */
    public static Processor<Path, Line> lines(int maxLine) {
        if (maxLine < 1) {
            throw new IllegalArgumentException("maxLine must be positive: " + maxLine);
        }
        return new Processor<>() {
            private NodeContext context;

            @Override
            public void onStart(NodeContext context) {
                this.context = context;
            }

            @Override
            public void process(Path path, Emitter<Line> out) throws Exception {
                emitLines(path, maxLine, out, context);
            }
        };
    }

    /** Where {@link #readLines} hands each line, and each line that is no item. */
    public interface LineSink {
        /** A line; may block. */
        void line(Line line) throws Exception;

        /** A line too long or not UTF-8: its start and place, and the reason. */
        void bad(Line line, RuntimeException reason) throws Exception;
    }

    /**
     * Reads the lines of {@code in} (UTF-8) to its end, in memory bounded by {@code maxLine} bytes,
     * as lines of {@code name}, into {@code sink}: for sources reading a stream, as {@code stdin} does.
     */
    public static void readLines(java.io.InputStream in, Path name, int maxLine, LineSink sink) throws Exception {
        new LineReader(name, maxLine).read(in, sink);
    }

    /** The lines of {@code path} to {@code out}; a bad one to {@code context}'s policy (thrown without a context). */
    private static void emitLines(Path path, int maxLine, Emitter<Line> out, NodeContext context) throws Exception {
        LineReader.read(path, maxLine, new LineSink() {
            @Override
            public void line(Line line) {
                out.emit(line);
            }

            @Override
            public void bad(Line line, RuntimeException reason) {
                if (context == null) {
                    throw new IllegalArgumentException(line.where() + ": " + reason.getMessage());
                }
                context.reject(line, reason);
            }
        });
    }

    /**
     * A source following a growing text file, like {@code tail -F}: each complete line (UTF-8,
     * without its terminator) as it is appended. It survives rotation: when the path names a new
     * file it finishes reading the old one and starts the new one at its beginning; when the file
     * shrinks (truncated in place) it starts again from the beginning. A missing file is waited for.
     */
    public static TailBuilder tail(Path file) {
        return new TailBuilder(file);
    }

    /** Settings of a tail; {@link #build()} makes its generator. */
    public static final class TailBuilder {
        private final Path file;
        private boolean fromStart;
        private Duration pollInterval = Duration.ofMillis(200);
        private int maxLine = DEFAULT_MAX_LINE;

        TailBuilder(Path file) {
            this.file = Objects.requireNonNull(file, "file");
        }

        /** Start at the beginning of the file rather than at its end. Default: at the end. */
        public TailBuilder fromStart(boolean start) {
            this.fromStart = start;
            return this;
        }

        /** How often to look for new data. Default 200 ms. */
        public TailBuilder pollInterval(Duration interval) {
            this.pollInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * The longest line in bytes: a longer one, or one that is not UTF-8, is skipped and goes to
         * the node's error policy (see {@link #lines(int)}). Default {@link #DEFAULT_MAX_LINE}.
         */
        public TailBuilder maxLine(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxLine must be positive: " + bytes);
            }
            this.maxLine = bytes;
            return this;
        }

        /** The source's generator. */
        public Generator<String> build() {
            return new Tail(file, fromStart, pollInterval, maxLine);
        }
    }

    /**
     * A sink appending each string as a line (UTF-8, {@code \n}) to {@code file}, creating it and
     * its directory if needed: {@code pipe.process(FileNodes.writeLines(path))}. Lines are
     * buffered; they are handed to the operating system when a source asks whether its records
     * were processed ({@link Processor#flush}: they then survive a crash of this process), forced
     * to disk when the stream completes, and closed when the node stops. Emits nothing.
     */
    public static Processor<String, Void> writeLines(Path file) {
        return new TextFileSink(file, false);
    }

    /** {@link #writeLines}, but replacing the file's content when the node starts instead of appending. */
    public static Processor<String, Void> replaceLines(Path file) {
        return new TextFileSink(file, true);
    }

    /**
     * Encodes a value as one line of text with {@code codec} (JSON lines with {@code JsonCodec}),
     * for {@link #writeLines}: {@code pipe.map(FileNodes.encode(codec)).process(FileNodes.writeLines(path))}.
     * The codec must not produce line breaks (compact JSON does not).
     */
    public static <T> java.util.function.Function<T, String> encode(Codec<T> codec) {
        return value -> {
            String text = new String(codec.encode(value), StandardCharsets.UTF_8);
            if (text.indexOf('\n') >= 0) {
                throw new CodecException(codec.name() + " produced a line break; it cannot write lines", null);
            }
            return text;
        };
    }

    /**
     * Decodes each line with {@code codec} (JSON lines with {@code JsonCodec}, for instance). A line
     * that does not decode fails with a {@link CodecException} naming file and line, for the node's
     * error policy; blank lines are skipped.
     */
    public static <T> Processor<Line, T> decode(Codec<T> codec) {
        return (line, out) -> {
            if (line.text().isBlank()) {
                return;
            }
            T value;
            try {
                value = codec.decode(line.text().getBytes(StandardCharsets.UTF_8));
            } catch (RuntimeException e) {
                throw new CodecException(line.where() + ": " + e.getMessage(), e);
            }
            out.emit(value);
        };
    }
}
