package dev.sluice.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.CodecException;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
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

    /** Version 2 of reading.avsc: a field added with a default, as schemas usually grow. */
    static final Schema V2 = new Schema.Parser().parse("""
            {"type": "record", "name": "Reading", "namespace": "dev.sluice.avro", "fields": [
              {"name": "sensor", "type": "string"},
              {"name": "celsius", "type": "double"},
              {"name": "site", "type": "string", "default": "unknown"}]}""");

    static GenericRecord v1(String sensor, double celsius) {
        GenericRecord r = new GenericData.Record(AvroCodec.parse(SCHEMA));
        r.put("sensor", sensor);
        r.put("celsius", celsius);
        return r;
    }

    @Test
    void writtenWith_readsAnOlderSchemasData_withTheNewFieldsDefault() {
        byte[] old = AvroCodec.generic(SCHEMA).encode(v1("roof", 4.5));
        GenericRecord back = AvroCodec.generic(V2).writtenWith(AvroCodec.parse(SCHEMA)).decode(old);
        assertEquals("roof", back.get("sensor").toString());
        assertEquals(4.5, back.get("celsius"));
        assertEquals("unknown", back.get("site").toString());
        // without the writer's schema the same bytes are not a V2 datum: the site is missing
        assertThrows(CodecException.class, () -> AvroCodec.generic(V2).decode(old));
    }

    @Test
    void aSchemaThatCannotReadTheWritersData_isRefusedWhenTheCodecIsMade() {
        Schema needsSite = new Schema.Parser().parse(V2.toString().replace(",\"default\":\"unknown\"", ""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AvroCodec.generic(needsSite).writtenWith(AvroCodec.parse(SCHEMA)));
        assertTrue(e.getMessage().contains("site"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> AvroCodec.generic(needsSite).singleObject(AvroCodec.parse(SCHEMA)));
    }

    @Test
    void singleObject_isWhatAvrosOwnMessageEncoderWritesAndReads() throws Exception {
        Schema schema = AvroCodec.parse(SCHEMA);
        AvroCodec<GenericRecord> codec = AvroCodec.generic(schema).singleObject();
        // Avro's own encoder (what toByteBuffer() of generated classes uses) to this codec
        byte[] theirs = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(v1("cellar", 12.0)).array();
        assertEquals("cellar", codec.decode(theirs).get("sensor").toString());
        // and this codec to Avro's own decoder
        GenericRecord back = new BinaryMessageDecoder<GenericRecord>(GenericData.get(), schema)
                .decode(codec.encode(v1("attic", 25.0)));
        assertEquals("attic", back.get("sensor").toString());
        assertEquals("avro(dev.sluice.avro.Reading) single-object", codec.name());
        // a generated class's own toByteBuffer()
        AvroCodec<SpecificReading> specific = AvroCodec.specific(SpecificReading.class).singleObject();
        byte[] generated = new BinaryMessageEncoder<SpecificReading>(
                org.apache.avro.specific.SpecificData.get(), SpecificReading.SCHEMA$)
                .encode(new SpecificReading("hall", 19.5)).array();
        assertEquals("hall", specific.decode(generated).get(0).toString());
    }

    @Test
    void singleObject_readsEveryVersionItKnows_andNamesTheFingerprintOfOneItDoesNot() {
        Schema schema = AvroCodec.parse(SCHEMA);
        byte[] fromV1 = AvroCodec.generic(schema).singleObject().encode(v1("roof", 4.5));
        AvroCodec<GenericRecord> v2 = AvroCodec.generic(V2).singleObject(schema);
        GenericRecord r = new GenericData.Record(V2);
        r.put("sensor", "garage");
        r.put("celsius", 8.0);
        r.put("site", "north");
        byte[] fromV2 = v2.encode(r);
        assertEquals("unknown", v2.decode(fromV1).get("site").toString());
        assertEquals("north", v2.decode(fromV2).get("site").toString());

        AvroCodec<GenericRecord> onlyV2 = AvroCodec.generic(V2).singleObject();
        CodecException unknown = assertThrows(CodecException.class, () -> onlyV2.decode(fromV1));
        assertTrue(unknown.getMessage().contains(String.format("%016x",
                org.apache.avro.SchemaNormalization.parsingFingerprint64(schema))), unknown.getMessage());
        CodecException plain = assertThrows(CodecException.class,
                () -> onlyV2.decode(AvroCodec.generic(V2).encode(r)));
        assertTrue(plain.getMessage().contains("not single-object encoded"), plain.getMessage());
        assertThrows(IllegalStateException.class, () -> onlyV2.writtenWith(schema));
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
