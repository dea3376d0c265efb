package dev.sluice.yaml.types;

import dev.sluice.Pipe;
import dev.sluice.Row;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OperatorType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.util.Set;

/** {@code unique}: drops items (or items with a key field) seen among the last N distinct ones. */
public final class Unique extends AbstractNodeType implements OperatorType {
    /** For the service loader. */
    public Unique() {
        super("unique", "passes an item only if it was not among the last max-size distinct ones",
                OptionSpec.optional("key", OptionType.STRING, "", "the field that identifies an item; empty: the whole item"),
                OptionSpec.optional("max-size", OptionType.INT, "100000", "how many distinct items are remembered")
                        .between(1, Integer.MAX_VALUE));
    }

    @Override
    public Pipe<?> create(Pipe<Object> input, NodeOptions o) {
        String key = o.string("key");
        int max = Math.toIntExact(o.integer("max-size"));
        return input.unique(max, item -> key.isEmpty() ? item : Row.field(item, key));
    }

    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return o.has("key") && !o.string("key").isEmpty() ? Set.of(ItemType.ROW) : Set.of(ItemType.ANY);
    }
}
