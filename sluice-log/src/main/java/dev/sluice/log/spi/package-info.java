/**
 * The storage SPI of the durable stream log. A backend stores named streams of records with
 * growing positions starting at 1 (gap-free in the embedded backends), and per consumer group the
 * next position to process plus any positions acknowledged beyond it; consumers read through a
 * {@link dev.sluice.log.spi.GroupMember}, which is how a partitioning backend shares a stream's
 * partitions among the members of a group. Every backend must pass the contract test suite
 * ({@code dev.sluice.log.contract.LogStorageContractTest} in the test jar), which is how later backends (Kafka,
 * PostgreSQL) prove they behave like the embedded one.
 */
package dev.sluice.log.spi;
