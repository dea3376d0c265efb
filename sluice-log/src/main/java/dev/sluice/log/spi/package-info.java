/**
 * The storage SPI of the durable stream log. A backend stores named streams of records with
 * gap-free positions starting at 1, and per consumer group the next position to process plus
 * any positions acknowledged beyond it. Every backend must pass the contract test suite
 * ({@code LogStorageContractTest} in the test sources), which is how later backends (Kafka,
 * PostgreSQL) prove they behave like the embedded one.
 */
package dev.sluice.log.spi;
