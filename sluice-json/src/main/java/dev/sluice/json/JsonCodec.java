package dev.sluice.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.Codec;
import dev.sluice.CodecException;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;

/**
 * JSON through Jackson. Records and classes map by property name; unknown properties are an
 * error by default (so that a typo in a producer does not silently lose a field), which a mapper
 * of your own can relax.
 *
 * <pre>{@code
 * record Order(String id, int quantity) {}
 * Codec<Order> orders = JsonCodec.of(Order.class);
 * Codec<Map<String, Object>> anything = JsonCodec.map();
 * }</pre>
 *
 * @param <T> the value type
 */
public final class JsonCodec<T> implements Codec<T> {
    private static final ObjectMapper DEFAULT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final ObjectMapper mapper;
    private final JavaType type;
    private final String name;

    private JsonCodec(ObjectMapper mapper, JavaType type) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.type = type;
        this.name = "json(" + type.getRawClass().getSimpleName() + ")";
    }

    /** Values of {@code type}, with the default mapper. */
    public static <T> JsonCodec<T> of(Class<T> type) {
        return of(type, DEFAULT);
    }

    /** Values of {@code type}, with your mapper. */
    public static <T> JsonCodec<T> of(Class<T> type, ObjectMapper mapper) {
        return new JsonCodec<>(mapper, mapper.constructType(type));
    }

    /** Any JSON object, as a map. */
    public static JsonCodec<Map<String, Object>> map() {
        return new JsonCodec<>(DEFAULT, DEFAULT.constructType(new TypeReference<Map<String, Object>>() {}));
    }

    /** Any JSON value, as a tree. */
    public static JsonCodec<JsonNode> tree() {
        return of(JsonNode.class);
    }

    @Override
    public byte[] encode(T value) {
        try {
            return mapper.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot write " + value.getClass().getName() + " as JSON: "
                    + e.getOriginalMessage(), e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        try {
            T value = mapper.readValue(bytes, type);
            if (value == null) {
                throw new CodecException("JSON null is not " + (mapped() ? "an object" : "a " + type.getRawClass().getSimpleName()), null);
            }
            return value;
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            // a class of the caller's names what was expected; a map (a pipeline file's row) says nothing to its author
            throw new CodecException("invalid JSON" + (mapped() ? "" : " for " + type.getRawClass().getSimpleName())
                    // one line of JSON (a message, a line of a file) has only columns: a line number would read as the file's
                    + (loc == null ? "" : loc.getLineNr() <= 1 ? " at column " + loc.getColumnNr()
                            : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr() + " of the document")
                    + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CodecException("cannot read JSON: " + e.getMessage(), e);
        }
    }

    private boolean mapped() {
        return java.util.Map.class.isAssignableFrom(type.getRawClass());
    }

    @Override
    public String name() {
        return name;
    }
}
