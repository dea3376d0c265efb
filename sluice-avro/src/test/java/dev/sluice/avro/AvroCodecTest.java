package dev.sluice.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.CodecException;
import java.nio.file.Path;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class AvroCodecTest {
    static final Path SCHEMA = Path.of("src/test/resources/reading.avsc");

    /** A plain class for reflection. */
    public static final class Plain {
        String sensor;
        double celsius;
    }

    @Test
    void generic_fromSchemaFile_roundTrips() {
        AvroCodec<GenericRecord> codec = AvroCodec.generic(SCHEMA);
        GenericRecord r = new GenericData.Record(codec.schema());
        r.put("sensor", "roof");
        r.put("celsius", 4.5);
        GenericRecord back = codec.decode(codec.encode(r));
        assertEquals("roof", back.get("sensor").toString());
        assertEquals(4.5, back.get("celsius"));
        assertEquals("avro(dev.sluice.avro.Reading)", codec.name());
    }

    @Test
    void specific_roundTrips() {
        AvroCodec<SpecificReading> codec = AvroCodec.specific(SpecificReading.class);
        SpecificReading back = codec.decode(codec.encode(new SpecificReading("cellar", 12.0)));
        assertEquals("cellar", back.get(0).toString());
        assertEquals(12.0, back.get(1));
    }

    @Test
    void reflect_roundTrips() {
        AvroCodec<Plain> codec = AvroCodec.reflect(Plain.class);
        Plain p = new Plain();
        p.sensor = "boiler";
        p.celsius = 71.5;
        Plain back = codec.decode(codec.encode(p));
        assertEquals("boiler", back.sensor);
        assertEquals(71.5, back.celsius);
    }

    @Test
    void garbage_andLeftovers_areRejectedWithTheSchemaName() {
        AvroCodec<GenericRecord> codec = AvroCodec.generic(SCHEMA);
        CodecException truncated = assertThrows(CodecException.class, () -> codec.decode(new byte[] {8, 'r', 'o'}));
        assertTrue(truncated.getMessage().startsWith("not a avro(dev.sluice.avro.Reading)"), truncated.getMessage());
        GenericRecord r = new GenericData.Record(codec.schema());
        r.put("sensor", "x");
        r.put("celsius", 1.0);
        byte[] bytes = codec.encode(r);
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 3);
        CodecException extra = assertThrows(CodecException.class, () -> codec.decode(longer));
        assertTrue(extra.getMessage().contains("left over"), extra.getMessage());
        assertThrows(CodecException.class, () -> AvroCodec.generic(Path.of("missing.avsc")));
    }
}
