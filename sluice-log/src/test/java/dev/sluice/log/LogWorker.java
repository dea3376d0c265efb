package dev.sluice.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The other processes of the multi-process and crash tests.
 *
 * <ul>
 *   <li>{@code produce DIR STREAM ID COUNT BATCH}: appends COUNT records "ID:i" in batches and
 *       prints "acked LASTPOSITION" after each acknowledged batch.</li>
 *   <li>{@code consume DIR STREAM GROUP WINDOW UNTIL OUT}: processes windows of up to WINDOW records, writing
 *       "position payload" lines to OUT (forced to disk) before the window is acknowledged; exits
 *       when the group has processed UNTIL records.</li>
 * </ul>
 */
public final class LogWorker {
    private LogWorker() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[1]);
        switch (args[0]) {
            case "produce" -> produce(dir, args[2], args[3], Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            case "consume" -> consume(dir, args[2], args[3], Integer.parseInt(args[4]), Long.parseLong(args[5]),
                    Path.of(args[6]));
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void produce(Path dir, String name, String id, int count, int batch) {
        try (StreamLog log = StreamLog.open(dir)) {
            LogStream stream = log.stream(name);
            for (int i = 0; i < count; i += batch) {
                List<LogEntry> entries = new ArrayList<>(batch);
                for (int j = i; j < Math.min(count, i + batch); j++) {
                    entries.add(LogEntry.of(id + ":" + j));
                }
                long first = stream.appendAll(entries);
                System.out.println("acked " + (first + entries.size() - 1));
                System.out.flush();
            }
        }
    }

    static void consume(Path dir, String name, String group, int window, long until, Path out) throws Exception {
        try (StreamLog log = StreamLog.open(dir, StreamLog.Options.defaults().withPollInterval(Duration.ofMillis(5)));
                FileChannel file = FileChannel.open(out, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.APPEND)) {
            LogStream stream = log.stream(name);
            GroupConsumer consumer = stream.consumer(group, new UpTo(window));
            while (log.info(name).orElseThrow().groups().getOrDefault(group, 1L) <= until) {
                if (!consumer.runOnce(w -> write(file, w))) {
                    Thread.sleep(5); // another process appends: poll
                }
            }
        }
    }

    private static void write(FileChannel file, Window w) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (LogRecord r : w.records()) {
            sb.append(r.position()).append(' ').append(r.text()).append('\n');
        }
        file.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
        file.force(false);
    }

    /** Whatever is waiting, up to n records: a count window that does not wait to fill up. */
    record UpTo(int n) implements WindowStrategy {
        @Override
        public java.util.Optional<Window> ready(List<LogRecord> pending, java.time.Instant now) {
            return pending.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(Window.of(pending.subList(0, Math.min(n, pending.size()))));
        }
    }
}
