package dev.sluice.files;

import dev.sluice.Codec;
import dev.sluice.CodecException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One CSV record per message, as a map from column to value: {@code Csv.parser().columns("id",
 * "temp").column("temp", Double::parseDouble).codec()}. Encoding writes the columns in order,
 * quoting a value that holds the delimiter, the quote or a line break (RFC 4180), without a line
 * end; a null value is an empty field. Decoding is strict: malformed UTF-8, an unterminated quote,
 * a wrong number of fields or a value its converter refuses raise a {@link CodecException} naming
 * the problem, so the record can go to the dead letters.
 */
public final class CsvCodec implements Codec<Map<String, Object>> {
    private final List<String> columns;
    private final char delimiter;
    private final char quote;
    private final Map<String, Function<String, ?>> converters;

    CsvCodec(List<String> columns, char delimiter, char quote, Map<String, Function<String, ?>> converters) {
        this.columns = List.copyOf(columns);
        this.delimiter = delimiter;
        this.quote = quote;
        this.converters = Map.copyOf(converters);
    }

    @Override
    public byte[] encode(Map<String, Object> value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                b.append(delimiter);
            }
            Object v = value.get(columns.get(i));
            String text = v == null ? "" : String.valueOf(v);
            if (text.indexOf(delimiter) >= 0 || text.indexOf(quote) >= 0 || text.indexOf('\n') >= 0
                    || text.indexOf('\r') >= 0) {
                String q = String.valueOf(quote);
                b.append(quote).append(text.replace(q, q + q)).append(quote);
            } else {
                b.append(text);
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Map<String, Object> decode(byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CodecException("not UTF-8 text: " + e.getMessage(), e);
        }
        Csv.FileState s = new Csv.FileState();
        Csv.parse(text, s, delimiter, quote);
        if (s.inQuotes) {
            throw new CodecException("unterminated quoted field in " + abbreviate(text), null);
        }
        s.fields.add(s.field.toString());
        if (s.fields.size() != columns.size()) {
            throw new CodecException("expected " + columns.size() + " fields " + columns + " but found "
                    + s.fields.size() + " in " + abbreviate(text), null);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            String raw = s.fields.get(i);
            Function<String, ?> convert = converters.get(column);
            try {
                values.put(column, convert == null ? raw : convert.apply(raw));
            } catch (RuntimeException e) {
                throw new CodecException("column " + column + ": cannot convert '" + raw + "': " + Csv.reason(e), e);
            }
        }
        return Collections.unmodifiableMap(values);
    }

    private static String abbreviate(String text) {
        return "'" + (text.length() > 80 ? text.substring(0, 77) + "..." : text) + "'";
    }

    @Override
    public String name() {
        return "csv(" + String.join(",", columns) + ")";
    }
}
