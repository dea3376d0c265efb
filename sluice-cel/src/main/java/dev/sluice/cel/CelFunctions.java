package dev.sluice.cel;

import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelOverloadDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelFunctionBinding;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.HexFormat;
import java.util.List;

/**
 * Sluice's helpers beyond CEL's own: the time now, times parsed and formatted with a pattern
 * (CEL reads only RFC 3339), and hashes for keys and partitioning.
 */
final class CelFunctions {
    private CelFunctions() {}

    static List<CelFunctionDecl> declarations() {
        return List.of(
                CelFunctionDecl.newFunctionDeclaration("now",
                        CelOverloadDecl.newGlobalOverload("sluice_now", SimpleType.TIMESTAMP)),
                CelFunctionDecl.newFunctionDeclaration("parse_time",
                        CelOverloadDecl.newGlobalOverload("sluice_parse_time", SimpleType.TIMESTAMP,
                                SimpleType.STRING, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("format_time",
                        CelOverloadDecl.newGlobalOverload("sluice_format_time", SimpleType.STRING,
                                SimpleType.TIMESTAMP, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("sha256",
                        CelOverloadDecl.newGlobalOverload("sluice_sha256", SimpleType.STRING, SimpleType.STRING)),
                CelFunctionDecl.newFunctionDeclaration("hash",
                        CelOverloadDecl.newGlobalOverload("sluice_hash", SimpleType.INT, SimpleType.STRING)));
    }

    static List<CelFunctionBinding> bindings(Clock clock) {
        return List.of(
                CelFunctionBinding.from("sluice_now", List.of(), args -> clock.instant()),
                CelFunctionBinding.from("sluice_parse_time", String.class, String.class, CelFunctions::parseTime),
                CelFunctionBinding.from("sluice_format_time", Instant.class, String.class,
                        (t, pattern) -> formatter(pattern).withZone(ZoneOffset.UTC).format(t)),
                CelFunctionBinding.from("sluice_sha256", String.class, CelFunctions::sha256),
                CelFunctionBinding.from("sluice_hash", String.class, CelFunctions::hash));
    }

    /** A time in {@code pattern}; without a zone in the text, in UTC; without a time, at midnight. */
    static Instant parseTime(String text, String pattern) {
        TemporalAccessor t;
        try {
            t = formatter(pattern).parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("parse_time: '" + text + "' does not match the pattern '" + pattern + "'");
        }
        if (t.isSupported(ChronoField.INSTANT_SECONDS)) {
            return Instant.from(t);
        }
        if (t.isSupported(ChronoField.HOUR_OF_DAY)) {
            return LocalDateTime.from(t).toInstant(ZoneOffset.UTC);
        }
        return LocalDate.from(t).atStartOfDay().toInstant(ZoneOffset.UTC);
    }

    private static DateTimeFormatter formatter(String pattern) {
        try {
            return DateTimeFormatter.ofPattern(pattern);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + pattern + "' is not a time pattern: " + e.getMessage());
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * A 64-bit FNV-1a hash of the text's UTF-8 bytes: stable across runs, machines and versions,
     * so that a partition chosen by it stays where it was.
     */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h;
    }
}
