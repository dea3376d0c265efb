package dev.sluice.yaml.types;

/** Items as lines of text, for the sinks that write text. */
final class Lines {
    private Lines() {}

    /** {@code item} as a line; a binary message is refused, as its bytes are no text. */
    static String of(Object item) {
        if (item instanceof byte[]) {
            throw new IllegalArgumentException("a binary message is no line of text: decode it first (avro.decode),"
                    + " or send it to kafka.write, mqtt.publish or log.append");
        }
        // a batch is written as one JSON array, not as Java's [a, b]
        return item instanceof java.util.Collection<?> batch ? dev.sluice.Row.json(batch) : String.valueOf(item);
    }
}
