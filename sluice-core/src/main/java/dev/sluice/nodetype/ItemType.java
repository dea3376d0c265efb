package dev.sluice.nodetype;

import java.util.Set;

/**
 * What a node takes or emits, as declared by its {@link NodeType}, so that a pipeline file whose
 * wiring would fail on every item is refused when it is validated, naming both nodes.
 */
public enum ItemType {
    /** Anything: a type that takes or emits items of several kinds, or does not say. */
    ANY("any item"),
    /** Text: a {@code String} (a message's value, a JSON document). */
    TEXT("text"),
    /**
     * A line of a text file with its file and line number ({@code dev.sluice.files.Line}): text that
     * knows where it came from, as {@code files.read} and {@code files.lines} emit it. Taken
     * wherever text is.
     */
    LINE("lines of a file"),
    /** A {@link dev.sluice.Row} of named fields ({@code csv.parse}, {@code json.decode}, {@code as: row}). */
    ROW("rows"),
    /** A binary message: {@code byte[]} (a source's {@code as: bytes}, {@code avro.encode}). */
    BYTES("binary messages"),
    /**
     * A keyed message: a {@link dev.sluice.Pair} of the key's text and the value (text, bytes, or
     * null for a tombstone), as {@code message} and {@code json.encode} with {@code key} make it.
     */
    MESSAGE("keyed messages"),
    /** A file: a {@link java.nio.file.Path} ({@code files.watch}). */
    FILE("file paths"),
    /** A batch: a {@code List} of items, as {@code batch} makes it, for sinks that send many at once. */
    BATCH("batches of items"),
    /** What it received: an operator that passes items on (a filter). Only as an output. */
    SAME("what it receives"),
    /** Nothing: the output of a sink. */
    NONE("nothing");

    /** Text in any form, for types that write items as text: everything but files. */
    public static final Set<ItemType> WRITABLE = Set.of(TEXT, LINE, ROW, BYTES, MESSAGE);

    private final String inWords;

    ItemType(String inWords) {
        this.inWords = inWords;
    }

    /**
     * Whether a node taking {@code accepted} takes an item of type {@code emitted}: either says
     * {@link #ANY}, they are the same, or a line is taken as text.
     */
    public static boolean takes(Set<ItemType> accepted, ItemType emitted) {
        return emitted == ANY || accepted.contains(ANY) || accepted.contains(emitted)
                || emitted == LINE && accepted.contains(TEXT);
    }

    /**
     * The type a file names by its lower-case name, as the sources' {@code as: text|row|bytes}
     * option does: {@code "row"} is {@link #ROW}.
     *
     * @throws IllegalArgumentException for a name of no item type
     */
    public static ItemType named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }

    /** For messages: "rows", "lines of a file". */
    @Override
    public String toString() {
        return inWords;
    }
}
