package dev.sluice;

/** {@link Pipe#buffer}: an asynchronous boundary that forwards items unchanged. */
class BufferStage<T> extends ThreadedStage<T, T> {

    BufferStage(PipelineImpl pipeline, String kind, int capacity, boolean multiProducer) {
        super(pipeline, kind, requirePositive(capacity), multiProducer, null);
    }

    private static int requirePositive(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        return capacity;
    }

    @Override
    final void delivered(int n) {
        in += n;
        out += n;
    }

    @Override
    @SuppressWarnings("unchecked")
    final void deliver(Object item) {
        Inlet<? super T> next = only;
        if (next != null) {
            next.onNext((T) item); // see Stage.only
        } else {
            pushAll((T) item);
        }
    }
}
