package dev.sluice.benchmarks;

/** The text of {@code docs/benchmarks.md} around the table {@link Compare} measured. */
final class Report {
    private Report() {}

    static String markdown(String date, String machine, String table) {
        return """
                # Benchmarks

                Written by `bin/bench` (`dev.sluice.benchmarks.Compare`): the numbers below are its output,
                not hand-edited. Ratio = Sluice / peer: higher is better for throughput (items/s,
                records/s), lower for latency, start-up and memory (ms, MB). On 2 cores the error bars
                are wide: rerun on your machine before drawing conclusions.

                How each is measured:

                - **sync chain**: `map(x * 3) -> filter(even) -> scan(sum) -> sink` over 1,000,000 boxed `Long`
                  items, one thread, the same objects and lambdas on every side (JMH, 3 forks of 5 warm-up
                  and 5 measured iterations of 1 s: the work is bound by memory, and one fork gave 65M and
                  the next 102M items/s for the same code). Every side iterates the items itself:
                  `source.emitAll(list)` for Sluice, `fromArray` for the peers; one more row shows
                  Sluice with the caller's loop calling `emit` per item, which costs a call per item
                  that the JIT cannot inline (the graph behind `emit` is compiled into it);
                - **threaded**: three stages (`map`, `filter`, a counting sink) on three threads joined by
                  queues of 1,024, the same shape on every side: the peers' `observeOn` / `publishOn` (same
                  prefetch) pull the array on the first stage's thread, as Sluice's `fromIterable` does;
                  JCTools SPSC queues between three bare threads are the limit. "Caller's thread emitting"
                  is the other shape, `emit` from the benchmark's thread into three queued stages. Start-up
                  and drain included (JMH, 3 forks of 3 warm-up and 4 measured iterations: with more busy
                  threads than cores one fork alone varied by half). "2 threaded stages" runs the same
                  work on two threads (`map` and `filter` on the first) on each side, for scale: on a
                  machine with fewer cores than three, two of the three stages' threads share a core and
                  switch at every full or empty queue, and this row shows what the hops do without that;
                - **append**: 100-byte records to the embedded log in a temporary directory, against a Kafka
                  producer (`acks=all`) to a single-node KRaft broker on loopback started in the same JVM,
                  and against a plain file: the 1,000 records copied into one buffer, written in one call,
                  then one fsync (JMH, 10 warm-up and 5 measured
                  iterations of 1 s: the Kafka producer was still speeding up after 5). Kafka, by default, does not
                  fsync: its acknowledged records are in the page cache, like the log's `PERIODIC`
                  durability; `EVERY_COMMIT` (the log's default) fsyncs every commit. "In flight" keeps up
                  to 1,000 appends outstanding per thread (`appendAsync`, Kafka's `send`);
                - **latency**: a producer process sends 100-byte records at 10,000/s without waiting for
                  each (`appendAsync` with the log's default 1 ms linger; `send` with `linger.ms=0`,
                  which gave Kafka a better p99 here than `linger.ms=1`); a consumer process records
                  arrival minus send time on one monotonic clock; 5 s of warm-up, then 10 s measured;
                  three runs of each side in turn, and the median of each percentile (one stall of the
                  VM or its disk decides a single run's p99; each run's figures are printed). "The
                  limit" sends on the same schedule into a plain file in one process, a writer thread
                  writing what has arrived and fsyncing: what a record visible only once on disk
                  cannot beat on this disk;
                - **consume**: 500,000 records of 100 bytes in one partition, read through a consumer
                  group from the first record read (the group's join is not counted): Sluice's
                  `GroupConsumer` with windows of 500, each acknowledged, on the log on Kafka and on the
                  embedded log, against a bare `KafkaConsumer` that commits synchronously after each
                  poll of up to 500 records, as Sluice's member does on Kafka; after one untimed run of
                  each, three runs each in turn and the median (each run's figures are printed);
                - **cold start**: wall time of the whole process, launcher and JVM start included, median
                  of three after one untimed run; both print the same rows;
                - **memory**: a child JVM with `-Xmx64m` pushes 512 MB of items through three threaded
                  stages into a sink that takes a microsecond per item; the peak heap in use is reported.

                Measured %s on %s.

                %s
                Why a target is missed, and what would close the gap: threaded hops in
                [architecture](architecture.md#how-an-item-travels), appends and latency in
                [the log](log.md#not-yet).
                """.formatted(date, machine, table);
    }
}
