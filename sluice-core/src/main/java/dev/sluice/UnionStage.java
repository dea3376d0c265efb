package dev.sluice;

/** {@link Pipe#union}: merges several inputs; completes when every input has. */
final class UnionStage<T> extends Stage<T, T> {
    UnionStage(Stage<?, T> first) {
        super(first.pipeline, "union", first.domain);
    }

    @Override
    void onNext(T item) {
        in++;
        push(item);
    }
}
