package dev.sluice.files;

import dev.sluice.Codec;
import dev.sluice.CodecException;
import dev.sluice.Emitter;
import dev.sluice.Processor;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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

    /** A directory watcher; see {@link DirectoryWatch}. */
    public static DirectoryWatch.Builder watch(Path directory) {
        return new DirectoryWatch.Builder(directory);
    }

    /** Reads each file it receives as one UTF-8 string (for small files). */
    public static Processor<Path, String> readText() {
        return (path, out) -> out.emit(Files.readString(path, StandardCharsets.UTF_8));
    }

    /** Reads each file it receives as bytes (for small files). */
    public static Processor<Path, byte[]> readBytes() {
        return (path, out) -> out.emit(Files.readAllBytes(path));
    }

    /** Reads each file it receives line by line (UTF-8), streaming: any file size. */
    public static Processor<Path, Line> lines() {
        return (path, out) -> emitLines(path, out);
    }

    private static void emitLines(Path path, Emitter<Line> out) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            long n = 0;
            String text;
            while ((text = reader.readLine()) != null) {
                out.emit(new Line(path, ++n, text));
            }
        }
    }

    /** Follows a growing file; see {@link Tail}. */
    public static Tail.Builder tail(Path file) {
        return new Tail.Builder(file);
    }

    /** Appends each string it receives as a line to {@code file}; see {@link TextFileSink}. */
    public static TextFileSink writeLines(Path file) {
        return new TextFileSink(file, false);
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
