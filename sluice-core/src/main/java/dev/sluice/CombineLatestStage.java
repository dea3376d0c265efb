package dev.sluice;

/**
 * {@link Pipe#combineLatest} and {@link Pipe#withLatestFrom}: keeps the latest item of each side
 * and emits the pair when both have one. combineLatest completes when both sides have;
 * withLatestFrom when the left side has.
 */
final class CombineLatestStage<A, B> extends TwoInputStage<A, B, Pair<A, B>> {
    private final boolean emitOnRight;
    private final Object[] latest = new Object[2];
    private int completedSides;

    CombineLatestStage(Stage<?, A> first, boolean emitOnRight) {
        super(first, emitOnRight ? "combineLatest" : "withLatestFrom");
        this.emitOnRight = emitOnRight;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onSide(int side, Object item) {
        if (done) {
            dropped++;
            return;
        }
        in++;
        latest[side] = item;
        if (latest[0] != null && latest[1] != null && (side == 0 || emitOnRight)) {
            push(Pair.of((A) latest[0], (B) latest[1]));
        }
    }

    @Override
    public void onSideComplete(int side) {
        completedSides++;
        if ((!emitOnRight && side == 0) || completedSides == 2) {
            finish();
        }
    }

    @Override
    String notCheckpointable() {
        return "a combineLatest keeps the latest item of each side, which a checkpoint does not keep yet";
    }
}
