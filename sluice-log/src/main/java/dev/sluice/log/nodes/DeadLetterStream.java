package dev.sluice.log.nodes;

import dev.sluice.DeadLetter;
import dev.sluice.log.LogEntry;
import dev.sluice.log.StreamLog;
import dev.sluice.nodetype.DeadLetterType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * {@code on_error: {dead_letter_stream: NAME, directory: DIR}}: appends each item, as text, to a
 * stream of the embedded log, with headers {@code node}, {@code reason} and {@code attempts}; read
 * it with {@code sluice streams tail NAME}. Dead letters are rare, so the log is opened for each
 * one and closed again: no thread or file stays open between them.
 */
public final class DeadLetterStream implements DeadLetterType {
    @Override
    public String name() {
        return "dead_letter_stream";
    }

    @Override
    public String description() {
        return "each item appended to a stream of the embedded log, with headers node, reason and attempts";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.required("dead_letter_stream", OptionType.STRING, "the stream"),
                OptionSpec.optional("directory", OptionType.PATH, "sluice-log", "the embedded log's directory"));
    }

    @Override
    public Consumer<DeadLetter> create(NodeOptions options) {
        return new Writer(options.path("directory"), options.string("dead_letter_stream"));
    }

    private record Writer(Path directory, String stream) implements Consumer<DeadLetter> {
        @Override
        public synchronized void accept(DeadLetter letter) {
            try (StreamLog log = StreamLog.open(directory)) {
                byte[] payload = letter.item() instanceof byte[] b ? b // a binary message kept as it was
                        : String.valueOf(letter.item()).getBytes(StandardCharsets.UTF_8);
                log.stream(stream).append(new LogEntry(null, payload,
                        Map.of("node", letter.node(), "reason", letter.reason(),
                                "attempts", Integer.toString(letter.attempts())),
                        letter.at()));
            }
        }
    }
}
