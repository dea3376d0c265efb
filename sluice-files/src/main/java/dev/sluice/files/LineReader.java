package dev.sluice.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Lines of UTF-8 text from a stream, in bounded memory whatever the input: a line longer than
 * {@code maxLine} bytes is not held (the reader skips to its end), and a line that is not valid
 * UTF-8 is not decoded with replacement characters; both are handed to {@link FileNodes.LineSink#bad} with the
 * reason and their place, so that the node's error policy decides and the rest of the file flows.
 * {@code \n} ends a line, and a {@code \r} before it is dropped.
 */
final class LineReader {
    /** Why a line is not an item: too long, or not UTF-8. Its message says so without its place, which the item has. */
    static final class BadLineException extends RuntimeException {
        BadLineException(String message) {
            super(message, null, false, false);
        }
    }

    /** What a bad line's dead letter keeps of it. */
    private static final int SHOWN = 256;

    private final Path file;
    private final int maxLine;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[256];
    private int length;
    private long skipped; // bytes of an over-long line beyond what was kept
    private long number = 1;

    LineReader(Path file, int maxLine) {
        this.file = file;
        this.maxLine = maxLine;
    }

    /** Reads {@code in} to its end. */
    void read(InputStream in, FileNodes.LineSink sink) throws Exception {
        byte[] buffer = new byte[1 << 16];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            feed(buffer, 0, n, sink);
        }
        if (length > 0 || skipped > 0) {
            end(sink);
        }
    }

    /**
     * Takes the next {@code n} bytes of the input, handing on every line they complete; the start
     * of a line they do not complete waits for the next call. For a source that reads as the file
     * grows ({@code files.tail}).
     */
    void feed(byte[] bytes, int from, int n, FileNodes.LineSink sink) throws Exception {
        int start = from;
        for (int i = from; i < from + n; i++) {
            if (bytes[i] == '\n') {
                append(bytes, start, i - start);
                end(sink);
                start = i + 1;
            }
        }
        append(bytes, start, from + n - start);
    }

    /** Forgets a line begun but not ended: the file was truncated or replaced. */
    void discardPartial() {
        length = 0;
        skipped = 0;
    }

    /** The line number of the next line. */
    long next() {
        return number;
    }

    private void append(byte[] bytes, int from, int n) {
        int room = Math.min(n, maxLine + 1 - length); // one byte over tells a line that is too long
        if (room > 0) {
            if (length + room > line.length) {
                line = Arrays.copyOf(line, Math.max(length + room, Math.min(line.length * 2, maxLine + 1)));
            }
            System.arraycopy(bytes, from, line, length, room);
            length += room;
        }
        skipped += n - Math.max(room, 0);
    }

    private void end(FileNodes.LineSink sink) throws Exception {
        int end = length > 0 && line[length - 1] == '\r' && skipped == 0 ? length - 1 : length;
        long n = number++;
        try {
            if (length > maxLine) {
                throw new BadLineException("a line of " + (length + skipped) + " bytes, longer than " + maxLine
                        + " (the node's max-line): skipped");
            }
            String text;
            try {
                text = utf8.decode(ByteBuffer.wrap(line, 0, end)).toString();
            } catch (MalformedInputException e) {
                int at = invalidAt(end);
                throw new BadLineException("not UTF-8 text: byte " + (at + 1) + " of the line is 0x"
                        + String.format("%02x", line[at] & 0xff) + ": skipped");
            } catch (CharacterCodingException e) {
                throw new BadLineException("not UTF-8 text: skipped");
            }
            sink.line(new Line(file, n, text));
        } catch (BadLineException e) {
            String start = new String(line, 0, Math.min(end, SHOWN), StandardCharsets.UTF_8);
            sink.bad(new Line(file, n, end > SHOWN ? start + "..." : start), e);
        } finally {
            if (line.length > 1 << 16) {
                line = new byte[256]; // one long line does not keep its buffer for the rest of the file
            }
            length = 0;
            skipped = 0;
        }
    }

    /** The index of the first byte of {@code line} that does not decode. */
    private int invalidAt(int end) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(line, 0, end);
        CharBuffer out = CharBuffer.allocate(end + 1);
        d.decode(in, out, true);
        return Math.min(in.position(), end - 1);
    }

    /** Reads {@code file} from its start: what {@code files.read} and {@code files.lines} do. */
    static void read(Path file, int maxLine, FileNodes.LineSink sink) throws Exception {
        try (InputStream in = java.nio.file.Files.newInputStream(file)) {
            new LineReader(file, maxLine).read(in, sink);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
