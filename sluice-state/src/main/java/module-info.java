/** Keyed state committed with its input position: exactly once from the log or Kafka. */
module dev.sluice.state {
    requires transitive dev.sluice.log;
    requires transitive dev.sluice.rocksdb;
    requires static dev.sluice.kafka;
    requires static kafka.clients;

    exports dev.sluice.state;
}
