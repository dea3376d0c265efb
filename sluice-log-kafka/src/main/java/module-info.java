/** The durable stream log on Kafka, behind the log's storage SPI. */
module dev.sluice.log.kafka {
    requires transitive dev.sluice.log;
    requires kafka.clients;

    exports dev.sluice.log.kafka;

    provides dev.sluice.log.spi.LogStorageProvider with dev.sluice.log.kafka.KafkaStorageProvider;
}
