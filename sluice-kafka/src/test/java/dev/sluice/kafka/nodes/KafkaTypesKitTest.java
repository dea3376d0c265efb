package dev.sluice.kafka.nodes;

import dev.sluice.kafka.testing.Broker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Pair;
import dev.sluice.test.NodeTypeKit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** kafka.write and kafka.read keep the contract every node type keeps, against a real broker. */
class KafkaTypesKitTest {
    @RegisterExtension
    static final Broker BROKER = new Broker();

    @Test
    void write_thenRead() throws Exception {
        NodeTypeKit.of(new KafkaTypes.Write()).option("topic", "kit").option("bootstrap", BROKER.bootstrap())
                .input("one", Pair.of("k", "two")).check();
        assertEquals(List.of("one", "two"), NodeTypeKit.of(new KafkaTypes.Read()).option("topic", "kit")
                .option("bootstrap", BROKER.bootstrap()).option("group", "kit").limit(2).check());
    }
}
