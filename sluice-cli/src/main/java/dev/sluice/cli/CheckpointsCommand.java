package dev.sluice.cli;

import dev.sluice.log.LogCheckpointStore;
import dev.sluice.log.StreamLog;
import dev.sluice.log.spi.StoredCheckpoint;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code sluice checkpoints ls | drop PIPELINE [--dir DIR]}: the pipelines that checkpoint into the
 * embedded log in {@code --dir} (default {@code $SLUICE_LOG_DIR} or {@code ./sluice-log}), and
 * forgetting one's checkpoint so that it starts from nothing.
 */
final class CheckpointsCommand {
    private CheckpointsCommand() {}

    static int run(List<String> given, PrintStream out, PrintStream err) {
        List<String> args = new ArrayList<>(given);
        Path dir = StreamLog.defaultDirectory();
        int at = args.indexOf("--dir");
        if (at >= 0) {
            if (at + 1 >= args.size()) {
                err.println("sluice: --dir needs a directory");
                return 2;
            }
            dir = Path.of(args.get(at + 1));
            args.subList(at, at + 2).clear();
        }
        if (args.isEmpty() || !List.of("ls", "drop").contains(args.get(0))
                || args.get(0).equals("drop") != (args.size() == 2) || args.size() > 2) {
            err.println("usage: sluice checkpoints ls | drop PIPELINE  [--dir DIR]");
            return 2;
        }
        if (!StreamLog.existsIn(dir)) {
            err.println("sluice: no log in " + dir);
            return 2;
        }
        if (args.get(0).equals("ls")) {
            try (StreamLog log = StreamLog.open(dir)) {
                out.printf("%-30s %12s  %s%n", "pipeline", "checkpoint", "taken");
                for (StoredCheckpoint c : log.pipelineCheckpoints()) {
                    out.printf("%-30s %12d  %s%n", c.pipeline(), c.id(), c.at());
                }
            }
            return 0;
        }
        try (LogCheckpointStore store = LogCheckpointStore.open(dir, args.get(1))) {
            if (!store.drop()) {
                err.println("sluice: pipeline '" + args.get(1) + "' has no checkpoint in " + dir);
                return 2;
            }
            out.println("dropped the checkpoint of pipeline '" + args.get(1) + "': it starts from nothing next time");
            return 0;
        }
    }
}
