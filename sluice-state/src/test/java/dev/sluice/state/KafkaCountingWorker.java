package dev.sluice.state;

import dev.sluice.Codec;
import dev.sluice.rocksdb.Cache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The Kafka twin of {@link CountingWorker}: counts the records of the topic "events" per text,
 * 50 per batch, saying "r" per record and "committed" after each commit (then waiting for a line);
 * exits when the checkpoint reaches {@code END}.
 *
 * <pre>java KafkaCountingWorker BOOTSTRAP STATE_DIR END</pre>
 */
public final class KafkaCountingWorker {
    private KafkaCountingWorker() {}

    public static void main(String[] args) throws Exception {
        long end = Long.parseLong(args[2]);
        try (Cache<String, Long> counts = Cache.open(Path.of(args[1]), Codec.utf8(), Codec.longKey());
                CheckpointedKafkaConsumer<String, Long> counter = CheckpointedKafkaConsumer.of(Map.of(
                        "bootstrap.servers", args[0], "group.id", "counter", "max.poll.records", 50,
                        // a restarted worker takes over its partitions at once instead of waiting for
                        // the killed one's session to time out
                        "group.instance.id", "worker"), List.of("events"), CountingWorker.saysCommitted(counts))) {
            while (counter.position("events", 0).orElse(0) < end) {
                counter.runOnce((record, state) -> {
                    state.update(record.text(), n -> n == null ? 1L : n + 1);
                    CountingWorker.say("r");
                }, Duration.ofMillis(100));
            }
        }
    }
}
