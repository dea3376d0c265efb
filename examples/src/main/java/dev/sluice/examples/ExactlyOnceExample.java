package dev.sluice.examples;

import dev.sluice.Codec;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamLog;
import dev.sluice.rocksdb.Cache;
import dev.sluice.state.CheckpointedConsumer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Page views counted exactly once: clicks are appended to a durable stream, and a checkpointed
 * consumer keeps a count per page in a RocksDB cache, committed together with the stream position.
 * The second consumer stands for a restart: it goes on where the first one committed, so no click
 * is counted twice or lost, even if the process had been killed in between.
 */
public final class ExactlyOnceExample {
    private ExactlyOnceExample() {}

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sluice-exactly-once");
        try (StreamLog log = StreamLog.open(dir.resolve("log"));
                Cache<String, Long> views = Cache.open(dir.resolve("state"), Codec.utf8(), Codec.longKey())) {
            LogStream clicks = log.stream("clicks");
            List.of("/home", "/docs", "/home", "/pricing", "/home", "/docs").forEach(clicks::append);
            count(clicks, views);
            List.of("/docs", "/home").forEach(clicks::append);
            count(clicks, views); // as after a restart: only the two new clicks are counted
        }
    }

    static void count(LogStream clicks, Cache<String, Long> views) throws InterruptedException {
        CheckpointedConsumer<String, Long> counter = CheckpointedConsumer.of(clicks, views, "page-views");
        while (counter.runOnce((click, state) -> state.update(click.text(), n -> n == null ? 1L : n + 1))) {
            // one batch per call, committed with its position
        }
        try (var all = views.range(null, null, false)) {
            all.forEach(e -> System.out.println(e.getKey() + " " + e.getValue()));
        }
        System.out.println("next position: " + counter.position());
    }
}
