package dev.sluice.cli;

import dev.sluice.DeadLetter;
import dev.sluice.log.LogEntry;
import dev.sluice.log.StreamLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A dead-letter destination for pipeline files: appends each item, as text, to a stream of the
 * embedded log, with headers {@code node}, {@code reason} and {@code attempts}; read it with
 * {@code sluice streams tail NAME}. Dead letters are rare, so the log is opened for each one and
 * closed again: no thread or file stays open between them.
 */
final class DeadLetterStream implements Consumer<DeadLetter> {
    private final Path directory;
    private final String stream;

    DeadLetterStream(Path directory, String stream) {
        this.directory = directory;
        this.stream = stream;
    }

    @Override
    public synchronized void accept(DeadLetter letter) {
        try (StreamLog log = StreamLog.open(directory)) {
            byte[] payload = letter.item() instanceof byte[] b ? b // a binary message kept as it was
                    : String.valueOf(letter.item()).getBytes(StandardCharsets.UTF_8);
            log.stream(stream).append(new LogEntry(null, payload,
                    Map.of("node", letter.node(), "reason", String.valueOf(letter.error().getMessage()),
                            "attempts", Integer.toString(letter.attempts())),
                    letter.at()));
        }
    }
}
