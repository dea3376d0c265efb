package dev.sluice.yaml.types;

import dev.sluice.Pipe;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;

/** {@code rate.limit}: at most one item per interval, waiting (backpressure), never dropping. */
public final class RateLimit extends AbstractNodeType implements OperatorType {
    /** For the service loader. */
    public RateLimit() {
        super("rate.limit", "lets at most one item through per interval; the others wait",
                OptionSpec.required("interval", OptionType.DURATION, "the least time between two items"));
    }

    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        return input.rateLimit(o.duration("interval"));
    }
}
