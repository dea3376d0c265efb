/**
 * Runnable examples: one per seed system (streamz, nanostream, minibatch, snapstream), exactly-once
 * state, the log on Kafka, and the demo. Each is a {@code main} that only uses the public API, and
 * the module's tests run every one.
 */
package dev.sluice.examples;
