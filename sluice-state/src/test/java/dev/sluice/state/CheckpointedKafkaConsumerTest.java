package dev.sluice.state;

import dev.sluice.kafka.testing.Broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Codec;
import dev.sluice.rocksdb.Cache;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Keyed state checkpointed with Kafka offsets, against a real broker, across kill -9. */
class CheckpointedKafkaConsumerTest {
    @RegisterExtension
    static final Broker BROKER = new Broker();

    @TempDir
    Path dir;

    @RegisterExtension
    final ChildProcesses children = new ChildProcesses();

    @Test
    @org.junit.jupiter.api.Timeout(300)
    void killedAgainAndAgain_countsComeOutExact() throws Exception {
        int n = 5_000;
        int keys = 7;
        Map<String, Object> props = new HashMap<>(BROKER.conf());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < n; i++) {
                producer.send(new ProducerRecord<>("events", "k" + (i % keys)));
            }
            producer.flush();
        }
        CheckpointedConsumerTest.killAgainAndAgain(this::startWorker, 12, 8);
        Map<String, Long> expected = new TreeMap<>();
        IntStream.range(0, n).forEach(i -> expected.merge("k" + (i % keys), 1L, Long::sum));
        try (Cache<String, Long> cache = Cache.open(dir.resolve("state"), Codec.utf8(), Codec.longKey())) {
            assertEquals(expected, CheckpointedConsumerTest.counts(cache));
        }
    }

    Process startWorker() throws Exception {
        return children.start(KafkaCountingWorker.class, BROKER.bootstrap(), dir.resolve("state").toString(), "5000");
    }
}
