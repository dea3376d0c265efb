package dev.sluice.files;

import dev.sluice.Emitter;
import dev.sluice.NodeContext;
import dev.sluice.Processor;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends each string as a line (UTF-8, {@code \n}) to a file, creating it and its directory if
 * needed. Lines are buffered; they are handed to the operating system when a source asks whether
 * its records were processed ({@link Processor#flush}: they then survive a crash of this process),
 * flushed and forced to disk when the stream completes, and closed when the node stops. Emits nothing.
 */
final class TextFileSink implements Processor<String, Void> {
    private final Path file;
    private final boolean truncate;
    private FileChannel channel;
    private BufferedWriter writer;

    TextFileSink(Path file, boolean truncate) {
        this.file = file;
        this.truncate = truncate;
    }

    @Override
    public void onStart(NodeContext context) throws IOException {
        open();
    }

    private void open() throws IOException {
        if (writer != null) {
            return;
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                truncate ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
        writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
    }

    @Override
    public void process(String line, Emitter<Void> out) throws IOException {
        open();
        writer.write(line);
        writer.write('\n');
    }

    @Override
    public void flush(Emitter<Void> out) throws IOException {
        if (writer != null) {
            writer.flush();
        }
    }

    @Override
    public void onComplete(Emitter<Void> out) throws IOException {
        open();
        writer.flush();
        channel.force(true);
    }

    @Override
    public void onStop() throws IOException {
        if (writer != null) {
            writer.close();
            writer = null;
        }
    }
}
