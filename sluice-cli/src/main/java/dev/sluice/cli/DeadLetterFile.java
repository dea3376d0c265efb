package dev.sluice.cli;

import dev.sluice.DeadLetter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * A dead-letter destination for pipeline files: appends one tab-separated line per item (node,
 * reason, item) to a file. Dead letters are rare, so each is written and closed at once.
 */
final class DeadLetterFile implements Consumer<DeadLetter> {
    private final Path file;

    DeadLetterFile(Path file) {
        this.file = file;
    }

    @Override
    public synchronized void accept(DeadLetter letter) {
        String line = letter.node() + "\t" + oneLine(String.valueOf(letter.error().getMessage())) + "\t"
                + oneLine(letter.item() instanceof byte[] b ? "base64:" + java.util.Base64.getEncoder().encodeToString(b)
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
