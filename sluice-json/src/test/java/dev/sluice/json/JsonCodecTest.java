package dev.sluice.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Codec;
import dev.sluice.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonCodecTest {
    record Order(String id, int quantity) {}

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void records_roundTrip() {
        Codec<Order> codec = JsonCodec.of(Order.class);
        byte[] bytes = codec.encode(new Order("a-1", 3));
        assertEquals("{\"id\":\"a-1\",\"quantity\":3}", new String(bytes, StandardCharsets.UTF_8));
        assertEquals(new Order("a-1", 3), codec.decode(bytes));
        assertEquals("json(Order)", codec.name());
    }

    @Test
    void badInput_saysWhereAndWhy() {
        Codec<Order> codec = JsonCodec.of(Order.class);
        CodecException broken = assertThrows(CodecException.class, () -> codec.decode(utf8("{\"id\": \"x\",")));
        assertTrue(broken.getMessage().startsWith("invalid JSON for Order at column "), broken.getMessage());
        CodecException unknown = assertThrows(CodecException.class,
                () -> codec.decode(utf8("{\"id\":\"x\",\"quantity\":1,\"qty\":2}")));
        assertTrue(unknown.getMessage().contains("qty"), unknown.getMessage());
        assertThrows(CodecException.class, () -> codec.decode(utf8("null")));
        assertThrows(CodecException.class, () -> codec.decode(utf8("{\"id\":\"x\",\"quantity\":null}")));
    }

    @Test
    void mapsAndTrees() {
        Map<String, Object> m = JsonCodec.map().decode(utf8("{\"foo\": \"bar\", \"n\": [1, 2]}"));
        assertEquals("bar", m.get("foo"));
        assertEquals(2, JsonCodec.tree().decode(utf8("[1, 2]")).size());
        assertArrayEquals(utf8("{\"foo\":\"bar\"}"), JsonCodec.map().encode(Map.of("foo", "bar")));
    }
}
