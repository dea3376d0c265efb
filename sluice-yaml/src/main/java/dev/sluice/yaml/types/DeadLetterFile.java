package dev.sluice.yaml.types;

import dev.sluice.DeadLetter;
import dev.sluice.nodetype.DeadLetterType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code on_error: {dead_letter_file: PATH}}: appends one tab-separated line per item (node,
 * reason, item) to a file. Dead letters are rare, so each is written and closed at once.
 */
public final class DeadLetterFile implements DeadLetterType {
    @Override
    public String name() {
        return "dead_letter_file";
    }

    @Override
    public String description() {
        return "a tab-separated line per item (node, reason, item; binary messages as base64:...) appended to a file";
    }

    @Override
    public List<OptionSpec> options() {
        return List.of(OptionSpec.required("dead_letter_file", OptionType.PATH, "the file, made if missing"));
    }

    @Override
    public Consumer<DeadLetter> create(NodeOptions options) {
        return new Writer(options.path("dead_letter_file"));
    }

    private record Writer(Path file) implements Consumer<DeadLetter> {
        @Override
        public synchronized void accept(DeadLetter letter) {
            String line = letter.node() + "\t" + oneLine(letter.reason()) + "\t"
                    + oneLine(letter.item() instanceof byte[] b ? "base64:" + Base64.getEncoder().encodeToString(b)
                            : String.valueOf(letter.item())) + "\n"; // a binary message kept whole
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the dead letter to " + file, e);
            }
        }

        private static String oneLine(String s) {
            return s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t");
        }
    }
}
