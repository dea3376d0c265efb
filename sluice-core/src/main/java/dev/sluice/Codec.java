package dev.sluice;

/**
 * Turns values into bytes and back, for logs, topics and files. A value that cannot be decoded
 * raises a {@link CodecException} with the reason; callers route the record to a dead-letter
 * destination rather than dropping it. Implementations are thread-safe.
 *
 * @param <T> the value type
 */
public interface Codec<T> {
    /** The bytes of {@code value}. */
    byte[] encode(T value);

    /** The value in {@code bytes}. @throws CodecException if they are not a valid encoding */
    T decode(byte[] bytes);

    /** A short name for messages, e.g. {@code utf-8} or {@code json(Order)}. */
    String name();

    /** Strict UTF-8 text: malformed bytes are an error, never replacement characters. */
    static Codec<String> utf8() {
        return Utf8Codec.INSTANCE;
    }

    /**
     * Longs as 8 big-endian bytes with the sign bit flipped, so that sorted bytes are sorted
     * numbers: the key codec for range scans over numeric keys.
     */
    static Codec<Long> longKey() {
        return LongKeyCodec.INSTANCE;
    }

    /** Raw bytes, unchanged. */
    static Codec<byte[]> bytes() {
        return BytesCodec.INSTANCE;
    }
}
