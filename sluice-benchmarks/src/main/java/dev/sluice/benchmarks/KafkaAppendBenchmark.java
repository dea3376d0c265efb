package dev.sluice.benchmarks;

import dev.sluice.kafka.testing.LocalKafka;

import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The peer of {@link LogAppendBenchmark}: a Kafka producer with {@code acks=all} sending 100-byte
 * records to a single-node KRaft broker on loopback, started in this JVM from Kafka's test kit.
 * Batches of 1,000 are sent and then flushed (every record acknowledged); single sends from four
 * threads share one producer (as Kafka recommends), each thread waiting for its own send or
 * keeping 1,000 in flight. Score: records per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class KafkaAppendBenchmark {
    static final int BATCH = LogAppendBenchmark.BATCH;

    dev.sluice.kafka.testing.LocalKafka broker;
    KafkaProducer<byte[], byte[]> producer;
    final byte[] payload = new byte[100];

    @Setup(Level.Trial)
    public void start() throws Exception {
        broker = dev.sluice.kafka.testing.LocalKafka.start();
        broker.createTopic("bench");
        Properties props = new Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        props.put("acks", "all");
        producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        producer.close();
        broker.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long batchesOf1000() throws Exception {
        Future<RecordMetadata> last = null;
        for (int i = 0; i < BATCH; i++) {
            last = producer.send(new ProducerRecord<>("bench", payload));
        }
        producer.flush();
        return last.get().offset();
    }

    @Benchmark
    @Threads(4)
    public long singleSendsFrom4Threads() throws Exception {
        return producer.send(new ProducerRecord<>("bench", payload)).get().offset();
    }

    @Benchmark
    @Threads(4)
    @OperationsPerInvocation(BATCH)
    public long singleSendsInFlightFrom4Threads() throws Exception {
        @SuppressWarnings("unchecked")
        Future<RecordMetadata>[] sent = new Future[BATCH];
        for (int i = 0; i < BATCH; i++) {
            sent[i] = producer.send(new ProducerRecord<>("bench", payload));
        }
        long offset = 0;
        for (Future<RecordMetadata> f : sent) {
            offset = f.get().offset();
        }
        return offset;
    }
}
