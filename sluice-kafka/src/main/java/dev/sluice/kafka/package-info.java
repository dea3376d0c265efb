/**
 * Kafka topics for pipelines and for snapstream's bindings: {@link dev.sluice.kafka.KafkaConf}
 * makes {@link dev.sluice.kafka.Topic}s, which are sinks and iterables, and make source
 * generators (offsets committed once what was read is processed) and sink nodes (acknowledged
 * sends, flushed before a source upstream commits). Implementations are package-private.
 */
package dev.sluice.kafka;
