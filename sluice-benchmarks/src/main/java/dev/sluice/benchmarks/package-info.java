/**
 * Benchmarks against peers measured in the same run (RxJava, Reactor, JCTools, a Kafka producer
 * and consumer, a plain file, Flink): JMH for the engine, timed runs for the log and the command.
 * {@code bin/bench} runs them and writes the table; tests never run them.
 */
package dev.sluice.benchmarks;
