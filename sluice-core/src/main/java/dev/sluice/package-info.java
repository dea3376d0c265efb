/**
 * Sluice: stream processing on one machine, with no server.
 *
 * <p>Start at {@link dev.sluice.Sluice}. A {@link dev.sluice.Pipeline} is a graph of nodes; a
 * {@link dev.sluice.Pipe} is the output of one node, and each operator method adds a node.
 * Items are pushed: the emitting thread runs synchronous nodes as plain calls until a threaded
 * boundary, where a bounded queue hands them to the next thread and blocks when full.
 *
 * <p>Why it is built this way: fusing synchronous operators keeps the per-item cost at a few
 * method calls; bounded queues at thread boundaries make backpressure automatic and memory
 * bounded; one clock interface makes every time-based behaviour testable in virtual time. Only
 * interfaces, records, enums, a builder and the entry point are public; operators are small
 * package-private classes behind {@link dev.sluice.Pipe}.
 */
package dev.sluice;
