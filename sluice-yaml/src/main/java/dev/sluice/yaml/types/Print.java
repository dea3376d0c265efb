package dev.sluice.yaml.types;

import dev.sluice.Processor;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.SinkType;
import java.util.Set;

/** {@code print}: writes each item to standard output, on a line of its own. */
public final class Print extends AbstractNodeType implements SinkType {
    /** Everything but binary messages, whose bytes are no line of text. */
    static final Set<ItemType> TEXTUAL = Set.of(ItemType.TEXT, ItemType.LINE, ItemType.ROW, ItemType.MESSAGE,
            ItemType.FILE, ItemType.BATCH);

    /** For the service loader. */
    public Print() {
        super("print", "prints each item on its own line",
                OptionSpec.optional("prefix", OptionType.STRING, "", "text put before each item"));
    }

    @Override
    public Processor<Object, Void> create(NodeOptions o) {
        String prefix = o.string("prefix");
        return (item, out) -> System.out.println(prefix + Lines.of(item));
    }

    @Override
    public Set<ItemType> consumes(NodeOptions options) {
        return TEXTUAL;
    }
}
