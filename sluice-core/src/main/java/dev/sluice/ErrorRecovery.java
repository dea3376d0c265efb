package dev.sluice;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * How a stage applies its {@link ErrorPolicy} when its function throws on an item: retry with a
 * backoff that doubles on the pipeline's clock (then a fallback policy), skip, dead-letter, or fail
 * the pipeline. Every outcome is counted on the stage. Control flow ({@link Signal}, a
 * {@link PipelineException} from further downstream) passes through untouched, so a node never
 * mistakes a downstream failure for its own.
 */
final class ErrorRecovery {
    private ErrorRecovery() {}

    /**
     * Applies {@code s}'s policy to {@code error}, thrown by its function on {@code item}. Returns
     * the value of a successful retry, or {@link StageCore#DROP}; throws under the fail policy.
     * Runs on the stage's domain thread, which owns its counters.
     */
    static Object recover(StageCore<?, ?> stage, Object item, Throwable error, Callable<?> retry) {
        if (error instanceof Signal signal) {
            throw signal;
        }
        if (error instanceof PipelineException p) {
            throw p;
        }
        if (error instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            if (stage.pipeline.isEnding()) {
                throw Signal.CLOSED;
            }
        }
        stage.errors++;
        ErrorPolicy p = stage.policy;
        int attempts = 1;
        if (p instanceof ErrorPolicy.Retry r) {
            long backoff = r.initialBackoff().toNanos();
            while (attempts < r.maxAttempts() && retry != null) {
                try {
                    stage.pipeline.clock().sleep(Duration.ofNanos(backoff));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw Signal.CLOSED;
                }
                attempts++;
                stage.retried++;
                try {
                    return retry.call();
                } catch (Signal | PipelineException e) {
                    throw e;
                } catch (Exception e) {
                    stage.errors++;
                    error = e;
                }
                backoff = Math.min(backoff * 2, r.maxBackoff().toNanos());
            }
            p = r.exhausted();
        }
        if (p instanceof ErrorPolicy.Skip) {
            stage.skipped++;
            return StageCore.DROP;
        }
        if (p instanceof ErrorPolicy.ToDeadLetter d) {
            stage.deadLettered++;
            d.sink().accept(new DeadLetter(stage.name, item, error, attempts,
                    Instant.ofEpochMilli(stage.pipeline.clock().currentTimeMillis())));
            return StageCore.DROP;
        }
        stage.failedItems++;
        throw stage.pipeline.fail(stage.name, item, error);
    }
}
