/**
 * Keyed state computed from a durable stream or Kafka topics, committed in one RocksDB batch with
 * the input position it covers, so a killed process resumes exactly once; and a pipeline node's
 * keyed state in a cache.
 */
package dev.sluice.state;
