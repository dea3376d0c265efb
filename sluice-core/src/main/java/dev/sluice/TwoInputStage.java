package dev.sluice;

/**
 * Base of the stages with two differently typed inputs ({@link ZipStage},
 * {@link CombineLatestStage}): each input arrives through its own {@link Side}, tagged 0 or 1.
 */
abstract class TwoInputStage<A, B, O> extends Stage<Object, O> implements Side.Owner {
    final Side<A> left;
    final Side<B> right;

    TwoInputStage(Stage<?, A> first, String kind) {
        super(first.pipeline, kind, first.domain);
        this.left = new Side<>(this, 0);
        this.right = new Side<>(this, 1);
    }

    /** Shows the sides' upstreams as this stage's inputs, once both are connected. */
    final void adoptInputs() {
        inputs.addAll(left.inputs);
        inputs.addAll(right.inputs);
    }

    @Override
    final void onNext(Object item) {
        throw new IllegalStateException(kind + " receives through its sides");
    }

    @Override
    public final void onSideError(Throwable error) {
        failDown(error);
    }
}
