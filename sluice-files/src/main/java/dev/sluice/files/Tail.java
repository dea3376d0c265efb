package dev.sluice.files;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Objects;

/**
 * A source node following a growing text file, like {@code tail -F}: emits each complete line
 * (UTF-8, without its terminator) as it is appended. It survives rotation: when the path names a
 * new file (another file key) it finishes reading the old one and starts the new one at its
 * beginning; when the file shrinks (truncated in place) it starts again from the beginning. A
 * missing file is waited for.
 */
final class Tail implements Generator<String> {
    private final Path file;
    private final boolean fromStart;
    private final Duration pollInterval;
    private final int maxLine;

    Tail(Path file, boolean fromStart, Duration pollInterval, int maxLine) {
        this.file = file;
        this.fromStart = fromStart;
        this.pollInterval = pollInterval;
        this.maxLine = maxLine;
    }

    @Override
    public void generate(NodeContext ctx, Emitter<String> out) throws Exception {
        FileChannel channel = null;
        Object key = null;
        long position = 0;
        boolean first = true;
        // bounded lines, strict UTF-8: a line too long or not UTF-8 goes to this node's on_error
        LineReader partial = new LineReader(file, maxLine);
        FileNodes.LineSink sink = new FileNodes.LineSink() {
            @Override
            public void line(Line line) {
                out.emit(line.text());
            }

            @Override
            public void bad(Line line, RuntimeException reason) {
                ctx.reject(line, reason);
            }
        };
        ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
        try {
            while (ctx.active()) {
                if (channel == null) {
                    try {
                        channel = FileChannel.open(file, StandardOpenOption.READ);
                        key = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
                        position = first && !fromStart ? channel.size() : 0;
                        first = false;
                    } catch (NoSuchFileException e) {
                        first = false; // a file created later is read from its start
                        ctx.clock().sleep(pollInterval);
                        continue;
                    }
                }
                if (channel.size() < position) {
                    position = 0; // truncated in place
                    partial.discardPartial();
                }
                int read = channel.read(buffer.clear(), position);
                if (read > 0) {
                    position += read;
                    partial.feed(buffer.array(), 0, read, sink);
                    continue;
                }
                if (rotated(key)) {
                    channel.close(); // the old file is read to its end: move to the new one
                    channel = null;
                    partial.discardPartial();
                    continue;
                }
                ctx.clock().sleep(pollInterval);
            }
        } finally {
            if (channel != null) {
                channel.close();
            }
        }
    }

    private boolean rotated(Object key) throws IOException {
        try {
            Object now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
            return now != null && !now.equals(key);
        } catch (NoSuchFileException e) {
            return false; // renamed away and not yet recreated: keep the old one
        }
    }
}
