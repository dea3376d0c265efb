package dev.sluice.log.kafka;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Offsets acknowledged beyond a group's committed offset, carried in the commit's metadata so
 * that a restarted member does not process them again. Kafka limits metadata (4 KB by default):
 * what does not fit is left out, and those records are processed again (at least once).
 */
final class Acks {
    static final String PREFIX = "sluice-acks:";
    private static final int MAX_CHARS = 3_000;

    private Acks() {}

    static String encode(Collection<Long> offsets) {
        if (offsets.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(PREFIX);
        boolean first = true;
        for (long o : offsets) {
            String next = (first ? "" : ",") + o;
            if (b.length() + next.length() > MAX_CHARS) {
                break;
            }
            b.append(next);
            first = false;
        }
        return b.toString();
    }

    /** The offsets in {@code metadata}; empty for metadata written by anything else. */
    static Set<Long> decode(String metadata) {
        Set<Long> out = new TreeSet<>();
        if (metadata == null || !metadata.startsWith(PREFIX) || metadata.length() == PREFIX.length()) {
            return out;
        }
        for (String part : metadata.substring(PREFIX.length()).split(",")) {
            out.add(Long.parseLong(part));
        }
        return out;
    }
}
