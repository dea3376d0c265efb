package dev.sluice;

import java.nio.ByteBuffer;

/** {@link Codec#longKey()}: 8 bytes, big-endian, sign bit flipped so that byte order is numeric order. */
final class LongKeyCodec implements Codec<Long> {
    static final LongKeyCodec INSTANCE = new LongKeyCodec();

    private LongKeyCodec() {}

    @Override
    public byte[] encode(Long value) {
        return ByteBuffer.allocate(8).putLong(value ^ Long.MIN_VALUE).array();
    }

    @Override
    public Long decode(byte[] bytes) {
        if (bytes.length != 8) {
            throw new CodecException("a long key is 8 bytes, not " + bytes.length, null);
        }
        return ByteBuffer.wrap(bytes).getLong() ^ Long.MIN_VALUE;
    }

    @Override
    public String name() {
        return "long-key";
    }
}
