package dev.sluice;

/**
 * The first failure of a pipeline: which node failed, on which item, and why (the cause).
 * Thrown to the thread that emitted the item (synchronous nodes), and by {@link Pipeline#await()}.
 */
public final class PipelineException extends RuntimeException {
    private final String node;
    private final transient Object item;

    PipelineException(String node, Object item, Throwable cause) {
        super("node '" + node + "' failed" + (item == NO_ITEM ? "" : " on item " + preview(item)) + ": "
                + reason(cause, item), cause);
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

    /**
     * Why {@code error} happened, in the words of its message, after the item's place when the
     * item is {@link Located} and the message does not say it already; a message-less error
     * (a bug, most likely) by the simple name of its type.
     */
    static String reason(Throwable error, Object item) {
        // the first message in the chain that says something: a wrapper often says least itself (a
        // client library's exception named after itself around a TLS failure, or Java's
        // RuntimeException(cause), whose message is the cause's class and message)
        int depth = 0;
        for (Throwable t = error; t != null && depth < 8; t = t.getCause(), depth++) {
            String m = t.getMessage();
            if (m != null && !m.isBlank() && !m.equals(t.getClass().getSimpleName())
                    && (t.getCause() == null || !m.equals(t.getCause().toString()))) {
                return located(m, item);
            }
        }
        return located(error.getClass().getSimpleName(), item); // no words at all: a bug, most likely; its kind helps
    }

    private static String located(String message, Object item) {
        if (item instanceof Located located) {
            String where = located.where();
            return message.startsWith(where) ? message : where + ": " + message;
        }
        return message;
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
