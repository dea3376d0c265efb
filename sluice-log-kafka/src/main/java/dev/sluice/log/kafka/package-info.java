/**
 * The durable stream log on Kafka: {@link dev.sluice.log.kafka.KafkaStorage} behind the log's
 * storage SPI, so the same producers, consumer groups and pipeline sources run on a cluster,
 * sharing a stream's partitions among a group's members. It passes the same contract test as the
 * embedded backend.
 */
package dev.sluice.log.kafka;
