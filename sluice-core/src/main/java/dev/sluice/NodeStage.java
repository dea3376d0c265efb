package dev.sluice;

import dev.sluice.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * A custom {@link Processor} node: {@link Pipeline#node} (own thread and input queue, any number
 * of inputs) or {@link Pipe#process} (inline on the upstream thread).
 */
final class NodeStage<I, O> extends ThreadedStage<I, O> implements Node<I, O>, NodeContext {
    private final Processor<? super I, O> processor;
    private final Emitter<O> emitter = this::push;
    private boolean stopped;

    NodeStage(PipelineImpl pipeline, Domain inlineDomain, Processor<? super I, O> processor, int capacity) {
        super(pipeline, capacity > 0 ? "node" : "process", capacity, true,
                inlineDomain != null ? inlineDomain : new Domain());
        this.processor = Objects.requireNonNull(processor, "processor");
    }

    void connectFrom(Stage<?, ? extends I> upstream) {
        @SuppressWarnings("unchecked")
        Stage<?, I> up = (Stage<?, I>) upstream;
        if (up.pipeline != pipeline) {
            throw new IllegalArgumentException("node '" + name + "' belongs to another pipeline");
        }
        up.connect(this);
    }

    @Override
    @SuppressWarnings("unchecked")
    void deliver(Object item) {
        I input = (I) item;
        try {
            processor.process(input, emitter);
        } catch (Throwable e) {
            recover(input, e, () -> {
                processor.process(input, emitter);
                return null;
            });
        }
    }

    @Override
    void workerStarted() {
        try {
            if (processor instanceof dev.sluice.checkpoint.Transactional t) {
                t.checkpointing(pipeline.checkpointing());
            }
            processor.onStart(this);
        } catch (Exception e) {
            throw pipeline.fail(name, PipelineException.NO_ITEM, e);
        }
    }

    @Override
    void workerStopped() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            processor.onStop();
        } catch (Exception e) {
            pipeline.fail(name, PipelineException.NO_ITEM, e);
        }
    }

    @Override
    void beforeComplete() {
        try {
            processor.onComplete(emitter);
        } catch (Signal | PipelineException e) {
            throw e;
        } catch (Exception e) {
            throw pipeline.fail(name, PipelineException.NO_ITEM, e);
        }
    }

    @Override
    public List<String> inputs() {
        return inputs.stream().map(s -> s.name).toList();
    }

    @Override
    public Clock clock() {
        return pipeline.clock();
    }

    @Override
    public boolean active() {
        return !pipeline.isEnding();
    }

    @Override
    void markerReached(Marker marker) {
        try {
            processor.flush(emitter);
        } catch (Throwable e) {
            // under fail this throws and the marker is lost with the pipeline; under skip or a
            // dead letter the user accepted losing what the flush could not finish
            recover(PipelineException.NO_ITEM, e, () -> {
                processor.flush(emitter);
                return null;
            });
        }
        if (marker.barrier != null && processor instanceof dev.sluice.checkpoint.Transactional t) {
            Object part;
            try {
                part = t.prepareCommit();
            } catch (Exception e) {
                // what the sink wrote since the last barrier cannot join the checkpoint: it must not be committed
                throw pipeline.fail(name, PipelineException.NO_ITEM, e);
            }
            if (part != null) {
                marker.barrier.parts.add(part);
            }
        }
        passMarker(marker);
    }

    /** What a transactional sink holds after its input completed, for the final checkpoint; null for none. */
    Object finalPart() throws Exception {
        return processor instanceof dev.sluice.checkpoint.Transactional t ? t.prepareCommit() : null;
    }

    @Override
    public void reject(Object item, Throwable error) {
        recover(item, error, null);
    }

    @Override
    public void whenProcessed(Runnable action) {
        passMarker(new Marker(failingThePipeline(action)));
    }
}
