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
        // a batch as one JSON array, not Java's [a, b]: the text every sink writes for a value
        return item == null ? "null" : dev.sluice.Row.text(item);
    }
}
