package dev.sluice;

import java.util.Objects;
import java.util.function.Consumer;

/** {@link Pipe#sink}: calls an action per item; the end of a branch. */
final class SinkStage<T> extends Stage<T, Void> {
    private final Consumer<? super T> action;
    private Runnable onComplete = () -> {};
    private Consumer<? super Throwable> onError = e -> {};

    SinkStage(Stage<?, T> up, Consumer<? super T> action) {
        super(up.pipeline, "sink", up.domain);
        this.action = Objects.requireNonNull(action, "action");
    }

    @Override
    long received() {
        return emittedAbove(); // not counted per item: see Stage.received
    }

    @Override
    void onNext(T item) {
        try {
            action.accept(item);
        } catch (Throwable e) {
            recover(item, e, () -> {
                action.accept(item);
                return null;
            });
        }
    }

    @Override
    void beforeComplete() {
        onComplete.run();
    }

    @Override
    void failed(Throwable error) {
        onError.accept(error);
    }

    /** The public handle: a separate object because a sink is not a {@link Pipe} to its users. */
    Sink<T> handle() {
        return new Sink<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Sink<T> named(String newName) {
                pipeline.rename(SinkStage.this, newName);
                return this;
            }

            @Override
            public Sink<T> errorPolicy(ErrorPolicy newPolicy) {
                policy = Objects.requireNonNull(newPolicy, "policy");
                return this;
            }

            @Override
            public Sink<T> onComplete(Runnable action) {
                onComplete = Objects.requireNonNull(action, "action");
                return this;
            }

            @Override
            public Sink<T> onError(Consumer<? super Throwable> action) {
                onError = Objects.requireNonNull(action, "action");
                return this;
            }

            @Override
            public String toString() {
                return "sink '" + name + "'";
            }
        };
    }
}
