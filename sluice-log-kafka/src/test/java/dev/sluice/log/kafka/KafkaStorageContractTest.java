package dev.sluice.log.kafka;

import dev.sluice.kafka.Broker;
import dev.sluice.log.LogStorageContractTest;
import dev.sluice.log.spi.LogStorage;
import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The storage contract every backend passes, on a real single-node Kafka broker. */
class KafkaStorageContractTest extends LogStorageContractTest {
    @RegisterExtension
    static final Broker BROKER = new Broker();

    /** Each test starts on an empty cluster: streams and groups of the previous one are gone. */
    @BeforeEach
    void emptyTheCluster() throws Exception {
        try (Admin admin = Admin.create(BROKER.conf())) {
            var topics = admin.listTopics().names().get().stream().filter(n -> !n.startsWith("__")).toList();
            if (!topics.isEmpty()) {
                admin.deleteTopics(topics).all().get();
                // the call returns when the controller has accepted; a topic of the same name made
                // before the broker has let go of the old one can show the old one's state
                while (admin.listTopics().names().get().stream().anyMatch(topics::contains)) {
                    Thread.onSpinWait();
                }
            }
            var groups = admin.listConsumerGroups().all().get().stream().map(g -> g.groupId()).toList();
            if (!groups.isEmpty()) {
                admin.deleteConsumerGroups(groups).all().get();
            }
        }
        storage.close();
        storage = open();
    }

    @Override
    protected LogStorage open() {
        return KafkaStorage.builder(BROKER.conf()).build();
    }

    @Override
    protected LogStorage reopen() {
        storage.close();
        return open();
    }
}
