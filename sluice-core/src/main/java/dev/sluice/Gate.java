package dev.sluice;

/** Serializes entry into a stage that lives in another domain: each call takes that domain's lock. */
final class Gate<T> extends Inlet<T> {
    private final Stage<T, ?> target;

    Gate(Stage<T, ?> target) {
        this.target = target;
    }

    @Override
    void onNext(T item) {
        boolean locked = target.domain.enter();
        try {
            target.onNext(item);
        } finally {
            target.domain.exit(locked);
        }
    }

    @Override
    void onComplete() {
        boolean locked = target.domain.enter();
        try {
            target.onComplete();
        } finally {
            target.domain.exit(locked);
        }
    }

    @Override
    void onError(Throwable error) {
        boolean locked = target.domain.enter();
        try {
            target.onError(error);
        } finally {
            target.domain.exit(locked);
        }
    }

    @Override
    void onMarker(Marker marker) {
        boolean locked = target.domain.enter();
        try {
            target.onMarker(marker);
        } finally {
            target.domain.exit(locked);
        }
    }
}
