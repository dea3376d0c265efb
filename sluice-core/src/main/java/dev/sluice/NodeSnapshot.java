package dev.sluice;

import java.util.List;

/**
 * The counters of one node at one moment. Counters are written by the node's own thread and
 * read without locks, so a snapshot of a running pipeline is approximate but never torn. A
 * node with an input queue counts what it received at the end of each batch it takes from the
 * queue (up to 256 items), not item by item: counting each cost a fifth of the throughput.
 * Map, filter, scan and sink do not count either: what they received is what the node above
 * them emitted, and a map or scan emits what it received less what it dropped. An item a stop
 * interrupted on its way into a queue counts as never emitted by its source, nor received by
 * the nodes between: a drained stop shows every item out of a node going into the next.
 *
 * @param name unique name in the pipeline
 * @param kind the operator, e.g. {@code map}, {@code buffer}, {@code node}
 * @param inputs names of the upstream nodes
 * @param in items received
 * @param out items emitted downstream
 * @param errors exceptions thrown by the node's function (each attempt counts)
 * @param skipped items dropped by the {@link ErrorPolicy#skip() skip} policy
 * @param retried extra attempts made by the {@link ErrorPolicy#retry retry} policy
 * @param deadLettered items handed to a dead-letter sink
 * @param dropped items dropped by design (conflation in {@code latest}, late items without a
 *     consumer, items arriving after cancellation of a publisher)
 * @param queueDepth items waiting in the node's input queue, or 0 without one
 * @param queueCapacity capacity of the input queue, or 0 without one
 * @param busyNanos time the node's thread spent working (threaded nodes and sources; for a
 *     generator, the time it spent handing items over, estimated from every 64th item because
 *     reading the clock for each would cost more than the hand-over)
 * @param logjam true when the input queue has stayed full past the pipeline's logjam threshold
 *     while the node's own outputs were not blocked: this node is the bottleneck
 * @param stuck true when items wait in the input queue and the node has made no progress past
 *     the threshold
 * @param done true when the node has completed, failed or been cancelled
 */
public record NodeSnapshot(
        String name,
        String kind,
        List<String> inputs,
        long in,
        long out,
        long errors,
        long skipped,
        long retried,
        long deadLettered,
        long dropped,
        int queueDepth,
        int queueCapacity,
        long busyNanos,
        boolean logjam,
        boolean stuck,
        boolean done) {}
