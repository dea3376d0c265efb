package dev.sluice.nodetype;

import java.util.List;
import java.util.Objects;

/**
 * The fixed parts of a node type (name, description, options), so that a type declares its kind
 * by the interface it implements and writes only {@code create}:
 *
 * <pre>{@code
 * public final class Shout extends AbstractNodeType implements ProcessorType {
 *     public Shout() {
 *         super("text.shout", "upper-cases each item",
 *                 OptionSpec.optional("suffix", OptionType.STRING, "!", "appended to each item"));
 *     }
 *
 *     public Processor<Object, ?> create(NodeOptions o) {
 *         String suffix = o.string("suffix");
 *         return (item, out) -> out.emit(item.toString().toUpperCase() + suffix);
 *     }
 *
 *     public Set<ItemType> consumes(NodeOptions o) {
 *         return Set.of(ItemType.TEXT);
 *     }
 *
 *     public ItemType produces(NodeOptions o) {
 *         return ItemType.TEXT;
 *     }
 * }
 * }</pre>
 *
 * A subclass must implement one of {@link SourceType}, {@link ProcessorType},
 * {@link OperatorType} or {@link SinkType}; this class alone is not a {@link NodeType}.
 */
public abstract class AbstractNodeType {
    private final String name;
    private final String description;
    private final List<OptionSpec> options;

    /** A type named {@code name} (lowercase, dotted by family) with these options. */
    protected AbstractNodeType(String name, String description, OptionSpec... options) {
        this(name, description, List.of(options));
    }

    /** A type named {@code name} (lowercase, dotted by family) with these options. */
    protected AbstractNodeType(String name, String description, List<OptionSpec> options) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.options = List.copyOf(options);
    }

    /** See {@link NodeType#name()}. */
    public final String name() {
        return name;
    }

    /** See {@link NodeType#description()}. */
    public final String description() {
        return description;
    }

    /** See {@link NodeType#options()}. */
    public final List<OptionSpec> options() {
        return options;
    }

    @Override
    public String toString() {
        return name;
    }
}
