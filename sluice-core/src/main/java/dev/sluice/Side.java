package dev.sluice;

/**
 * One input of a two-input stage ({@link ZipStage}, {@link CombineLatestStage}). Not registered
 * with the pipeline: it only routes signals to its owner, tagged with which side they came from.
 */
final class Side<T> extends Stage<T, Void> {
    interface Owner {
        void onSide(int side, Object item);

        void onSideComplete(int side);

        void onSideError(Throwable error);
    }

    private final Owner owner;
    private final int index;

    Side(Stage<?, ?> ownerStage, int index) {
        super(ownerStage.pipeline, "side", ownerStage.domain);
        this.owner = (Owner) ownerStage;
        this.index = index;
    }

    @Override
    void onNext(T item) {
        owner.onSide(index, item);
    }

    @Override
    void onComplete() {
        owner.onSideComplete(index);
    }

    @Override
    void onError(Throwable error) {
        owner.onSideError(error);
    }

    @Override
    void onMarker(Marker marker) {
        ((Stage<?, ?>) owner).onMarker(marker);
    }
}
