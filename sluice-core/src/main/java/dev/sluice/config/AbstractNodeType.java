package dev.sluice.config;

import java.util.List;
import java.util.Objects;

/**
 * A {@link NodeType} whose name, role, description and options are fixed at construction, so a
 * plugin's type only writes {@link #create}:
 *
 * <pre>{@code
 * public final class Shout extends AbstractNodeType {
 *     public Shout() {
 *         super("text.shout", NodeRole.PROCESSOR, "upper-cases each item",
 *                 OptionSpec.optional("suffix", OptionType.STRING, "!", "appended to each item"));
 *     }
 *
 *     public Object create(NodeOptions o) {
 *         String suffix = o.string("suffix");
 *         return (Processor<Object, String>) (item, out) -> out.emit(item.toString().toUpperCase() + suffix);
 *     }
 * }
 * }</pre>
 */
public abstract class AbstractNodeType implements NodeType {
    private final String name;
    private final NodeRole role;
    private final String description;
    private final List<OptionSpec> options;

    /** A type named {@code name} (lowercase, dotted by family) with these options. */
    protected AbstractNodeType(String name, NodeRole role, String description, OptionSpec... options) {
        this(name, role, description, List.of(options));
    }

    /** A type named {@code name} (lowercase, dotted by family) with these options. */
    protected AbstractNodeType(String name, NodeRole role, String description, List<OptionSpec> options) {
        this.name = Objects.requireNonNull(name, "name");
        this.role = Objects.requireNonNull(role, "role");
        this.description = Objects.requireNonNull(description, "description");
        this.options = List.copyOf(options);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final NodeRole role() {
        return role;
    }

    @Override
    public final List<OptionSpec> options() {
        return options;
    }
}
