package dev.sluice;

/**
 * The side output of a window node for items too late for every window they belong to. Runs in
 * the window's domain; without subscribers late items are counted as dropped.
 */
final class LateStage<T> extends Stage<T, T> {
    private final Stage<?, ?> window;

    LateStage(Stage<?, ?> window) {
        super(window.pipeline, "late", window.domain);
        this.window = window;
    }

    @Override
    void onNext(T item) {
        deliverLate(item);
    }

    void deliverLate(T item) {
        in++;
        if (hasSubscribers()) {
            push(item);
        } else {
            window.dropped++;
        }
    }

    void endLate(Throwable error) {
        if (error == null) {
            finish();
        } else {
            failDown(error);
        }
    }
}
