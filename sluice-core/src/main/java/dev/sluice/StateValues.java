package dev.sluice;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's encoding of node state in a checkpoint: the values pipelines carry (null, booleans,
 * numbers, text, bytes, instants, lists, maps and {@link Row}s, pairs, and the arrays the
 * built-in aggregators keep), each behind a tag. A value of another type cannot be checkpointed,
 * and says which, so that a checkpoint never silently loses state.
 */
final class StateValues {
    private static final int NULL = 0;
    private static final int FALSE = 1;
    private static final int TRUE = 2;
    private static final int INT = 3;
    private static final int LONG = 4;
    private static final int DOUBLE = 5;
    private static final int STRING = 6;
    private static final int BYTES = 7;
    private static final int LIST = 8;
    private static final int MAP = 9;
    private static final int ROW = 10;
    private static final int PAIR = 11;
    private static final int INSTANT = 12;
    private static final int DOUBLES = 13;
    private static final int LONGS = 14;
    private static final int FLOAT = 15;

    private StateValues() {}

    /** A writer of one node's state. */
    static final class Writer {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final DataOutputStream out = new DataOutputStream(bytes);

        Writer value(Object v) {
            try {
                write(out, v);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // in memory: does not happen
            }
            return this;
        }

        Writer longValue(long v) {
            return value(v);
        }

        byte[] toBytes() {
            return bytes.toByteArray();
        }
    }

    /** A reader of one node's state, in the order it was written. */
    static final class Reader {
        private final DataInputStream in;

        Reader(byte[] state) {
            this.in = new DataInputStream(new ByteArrayInputStream(state));
        }

        Object value() {
            try {
                return read(in);
            } catch (IOException e) {
                throw new IllegalStateException("the checkpointed state is cut short or corrupt", e);
            }
        }

        long longValue() {
            return (Long) value();
        }

        boolean more() {
            try {
                return in.available() > 0;
            } catch (IOException e) {
                return false;
            }
        }
    }

    private static void write(DataOutputStream out, Object v) throws IOException {
        switch (v) {
            case null -> out.writeByte(NULL);
            case Boolean b -> out.writeByte(b ? TRUE : FALSE);
            case Integer i -> {
                out.writeByte(INT);
                out.writeInt(i);
            }
            case Long l -> {
                out.writeByte(LONG);
                out.writeLong(l);
            }
            case Double d -> {
                out.writeByte(DOUBLE);
                out.writeDouble(d);
            }
            case Float f -> {
                out.writeByte(FLOAT);
                out.writeFloat(f);
            }
            case String s -> {
                out.writeByte(STRING);
                byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.writeInt(utf8.length);
                out.write(utf8);
            }
            case byte[] b -> {
                out.writeByte(BYTES);
                out.writeInt(b.length);
                out.write(b);
            }
            case double[] a -> {
                out.writeByte(DOUBLES);
                out.writeInt(a.length);
                for (double d : a) {
                    out.writeDouble(d);
                }
            }
            case long[] a -> {
                out.writeByte(LONGS);
                out.writeInt(a.length);
                for (long l : a) {
                    out.writeLong(l);
                }
            }
            case Instant t -> {
                out.writeByte(INSTANT);
                out.writeLong(t.getEpochSecond());
                out.writeInt(t.getNano());
            }
            case Pair<?, ?> p -> {
                out.writeByte(PAIR);
                write(out, p.first());
                write(out, p.second());
            }
            case Map<?, ?> m -> {
                out.writeByte(m instanceof Row ? ROW : MAP);
                out.writeInt(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    write(out, e.getKey());
                    write(out, e.getValue());
                }
            }
            case List<?> l -> {
                out.writeByte(LIST);
                out.writeInt(l.size());
                for (Object o : l) {
                    write(out, o);
                }
            }
            default -> throw new IllegalStateException("a value of type " + v.getClass().getName()
                    + " cannot be checkpointed: keep state in text, numbers, rows, lists or maps");
        }
    }

    private static Object read(DataInputStream in) throws IOException {
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NULL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case INT -> in.readInt();
            case LONG -> in.readLong();
            case DOUBLE -> in.readDouble();
            case FLOAT -> in.readFloat();
            case STRING -> {
                byte[] utf8 = new byte[in.readInt()];
                in.readFully(utf8);
                yield new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
            }
            case BYTES -> {
                byte[] b = new byte[in.readInt()];
                in.readFully(b);
                yield b;
            }
            case DOUBLES -> {
                double[] a = new double[in.readInt()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readDouble();
                }
                yield a;
            }
            case LONGS -> {
                long[] a = new long[in.readInt()];
                for (int i = 0; i < a.length; i++) {
                    a[i] = in.readLong();
                }
                yield a;
            }
            case INSTANT -> Instant.ofEpochSecond(in.readLong(), in.readInt());
            case PAIR -> Pair.of(read(in), read(in));
            case MAP, ROW -> {
                int n = in.readInt();
                Map<Object, Object> m = tag == ROW ? new LinkedHashMap<>() : new LinkedHashMap<>(n * 2);
                for (int i = 0; i < n; i++) {
                    m.put(read(in), read(in));
                }
                if (tag == ROW) {
                    Row row = new Row();
                    m.forEach((k, v) -> row.put(String.valueOf(k), v));
                    yield row;
                }
                yield m;
            }
            case LIST -> {
                int n = in.readInt();
                List<Object> l = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    l.add(read(in));
                }
                yield l;
            }
            default -> throw new IOException("unknown tag " + tag);
        };
    }
}
