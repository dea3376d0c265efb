package dev.sluice.yaml.spec;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What a node does with an item it fails on, as a file says it ({@code on_error}): data, which a
 * runner turns into its own policy ({@link dev.sluice.ErrorPolicy} on the embedded engine).
 */
public sealed interface ErrorPolicySpec {
    /** The default: the pipeline fails, naming the node, the item and the reason. */
    ErrorPolicySpec FAIL = new Fail();

    /** {@code fail}. */
    record Fail() implements ErrorPolicySpec {
        @Override
        public String toString() {
            return "fail";
        }
    }

    /** {@code skip}: dropped and counted. */
    record Skip() implements ErrorPolicySpec {
        @Override
        public String toString() {
            return "skip";
        }
    }

    /**
     * {@code {dead_letter_file: PATH}}, {@code {dead_letter_stream: NAME, ...}} or another
     * destination a module brings ({@link dev.sluice.nodetype.DeadLetterType}).
     *
     * @param destination the destination's key, such as {@code dead_letter_file}
     * @param options its options, converted to their declared types (the main value under the key)
     */
    record DeadLetter(String destination, Map<String, Object> options) implements ErrorPolicySpec {
        /** Validates and copies. */
        public DeadLetter {
            Objects.requireNonNull(destination, "destination");
            options = Map.copyOf(options);
        }
    }

    /**
     * {@code {retry: {attempts, backoff, max_backoff}, then: POLICY}}: tried again after a backoff
     * that doubles up to {@code maxBackoff}, {@code attempts} tries in all, then {@code then}.
     *
     * @param attempts every try, the first included
     * @param backoff the first wait
     * @param maxBackoff the longest wait
     * @param then what happens when the tries run out: not another retry
     */
    record Retry(int attempts, Duration backoff, Duration maxBackoff, ErrorPolicySpec then) implements ErrorPolicySpec {
        /** Validates. */
        public Retry {
            Objects.requireNonNull(backoff, "backoff");
            Objects.requireNonNull(maxBackoff, "maxBackoff");
            Objects.requireNonNull(then, "then");
            if (attempts < 1 || then instanceof Retry || maxBackoff.compareTo(backoff) < 0) {
                throw new IllegalArgumentException("retry: attempts " + attempts + ", backoff " + backoff
                        + ", max " + maxBackoff + ", then " + then);
            }
        }
    }
}
