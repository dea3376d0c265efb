package dev.sluice;

/**
 * The first failure of a pipeline: which node failed, on which item, and why (the cause).
 * Thrown to the thread that emitted the item (synchronous nodes), and by {@link Pipeline#await()}.
 */
public final class PipelineException extends RuntimeException {
    private final String node;
    private final transient Object item;

    PipelineException(String node, Object item, Throwable cause) {
        super("node '" + node + "' failed" + (item == NO_ITEM ? "" : " on item " + preview(item)) + ": " + cause,
                cause);
        this.node = node;
        this.item = item == NO_ITEM ? null : item;
    }

    static final Object NO_ITEM = new Object();

    /** The name of the node whose function failed. */
    public String node() {
        return node;
    }

    /** The input item the node was processing, or null when the failure was not about one item. */
    public Object item() {
        return item;
    }

    static String preview(Object item) {
        String s;
        try {
            s = String.valueOf(item);
        } catch (RuntimeException e) {
            s = item.getClass().getName() + " (toString failed)";
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
