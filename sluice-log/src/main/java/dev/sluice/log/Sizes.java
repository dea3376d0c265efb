package dev.sluice.log;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Record sizes and the compact binary form of headers. */
final class Sizes {
    private Sizes() {}

    /** The bytes a record counts for in {@link StreamInfo#bytes()}: key, payload and header text. */
    static long of(byte[] key, byte[] payload, Map<String, String> headers) {
        long n = payload.length + (key == null ? 0 : key.length);
        for (var e : headers.entrySet()) {
            n += e.getKey().length() + e.getValue().length();
        }
        return n;
    }

    static long of(LogRecord r) {
        return of(r.key(), r.payload(), r.headers());
    }

    static long of(LogEntry e) {
        return of(e.key(), e.payload(), e.headers());
    }

    static byte[] encodeHeaders(Map<String, String> headers) {
        if (headers.isEmpty()) {
            return null;
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(headers.size());
            for (var e : headers.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeUTF(e.getValue());
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The header a record gets in place of headers that cannot be read (written by another
     * program, or damaged): its value says why. Readers hand such a record to their dead letter,
     * naming stream and position, and go on; before, one such record stopped its consumer group.
     */
    static final String UNREADABLE = "sluice.unreadable";

    static Map<String, String> decodeHeaders(byte[] blob) {
        if (blob == null) {
            return Map.of();
        }
        try {
            DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(blob));
            int n = in.readInt();
            if (n < 0 || n > blob.length) {
                return Map.of(UNREADABLE, "the headers are not in Sluice's format (" + blob.length + " bytes claim " + n
                        + " headers)");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) {
                headers.put(in.readUTF(), in.readUTF());
            }
            return Map.copyOf(headers);
        } catch (IOException e) {
            return Map.of(UNREADABLE, "the headers are not in Sluice's format (" + blob.length + " bytes"
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    /** Why {@code r}'s headers could not be read, or null when they could. */
    static String unreadable(LogRecord r) {
        return r.headers().get(UNREADABLE);
    }
}
