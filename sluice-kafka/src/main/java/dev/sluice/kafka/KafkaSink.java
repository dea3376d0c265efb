package dev.sluice.kafka;

import dev.sluice.Emitter;
import dev.sluice.Processor;

/**
 * A pipeline node producing each item to a topic ({@code pipe.process(topic.sink())}), with
 * {@code acks=all} and idempotence by default. Sends are asynchronous; a failed delivery is raised
 * by the next item, so the node's error policy sees it (attributed to that later item), and the
 * node flushes when the stream completes, so completion means every record was acknowledged, and
 * when a source asks whether its records were processed ({@link dev.sluice.Processor#flush}), so a
 * Kafka source upstream commits only offsets whose results the broker has.
 * Emits nothing.
 */
final class KafkaSink implements Processor<Object, Void> {
    private final Topic topic;

    KafkaSink(Topic topic) {
        this.topic = topic;
    }

    @Override
    public void process(Object item, Emitter<Void> out) {
        topic.accept(item);
    }

    @Override
    public void flush(Emitter<Void> out) {
        topic.flush();
    }

    @Override
    public void onComplete(Emitter<Void> out) {
        topic.flush();
    }

    @Override
    public void onStop() {
        topic.close();
    }
}
