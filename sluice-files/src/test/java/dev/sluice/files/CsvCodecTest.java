package dev.sluice.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.CodecException;
import dev.sluice.DeadLetter;
import dev.sluice.ErrorPolicy;
import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.Source;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One CSV record per message: round trips, RFC 4180 quoting, strict decoding. */
class CsvCodecTest {
    final CsvCodec codec = Csv.parser().columns("id", "name", "temp").column("temp", Double::parseDouble).codec();

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roundTrips_quotingWhatNeedsIt() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", "7");
        row.put("name", "Dupont, \"Jo\"\nline two");
        row.put("temp", 21.5);
        byte[] bytes = codec.encode(row);
        assertEquals("7,\"Dupont, \"\"Jo\"\"\nline two\",21.5", new String(bytes, StandardCharsets.UTF_8));
        assertEquals(row, codec.decode(bytes));
        assertEquals("csv(id,name,temp)", codec.name());
    }

    @Test
    void nullIsAnEmptyField_andOtherDelimitersWork() {
        CsvCodec semicolons = Csv.parser().delimiter(';').columns("a", "b").codec();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("a", null);
        row.put("b", "x;y");
        assertArrayEquals(utf8(";\"x;y\""), semicolons.encode(row));
        assertEquals(Map.of("a", "", "b", "x;y"), semicolons.decode(utf8(";\"x;y\"")));
    }

    @Test
    void badRecords_raiseCodecExceptionsThatSayWhy() {
        assertTrue(assertThrows(CodecException.class, () -> codec.decode(utf8("1,ann"))).getMessage()
                .contains("expected 3 fields [id, name, temp] but found 2"));
        assertTrue(assertThrows(CodecException.class, () -> codec.decode(utf8("1,\"ann,3"))).getMessage()
                .contains("unterminated quoted field"));
        assertTrue(assertThrows(CodecException.class, () -> codec.decode(utf8("1,ann,warm"))).getMessage()
                .contains("column temp: cannot convert 'warm'"));
        assertTrue(assertThrows(CodecException.class, () -> codec.decode(new byte[] {'1', ',', (byte) 0xC3, ',', '2'}))
                .getMessage().startsWith("not UTF-8 text"));
        assertThrows(IllegalArgumentException.class, () -> Csv.parser().codec(), "columns are required");
    }

    @Test
    void inAPipeline_aBadRecordGoesToTheDeadLetters_andTheRestFlows() throws Exception {
        List<Object> temps = new ArrayList<>();
        List<DeadLetter> dead = new ArrayList<>();
        Pipeline p = Sluice.pipeline().build();
        Source<byte[]> in = p.source("in");
        in.map(codec::decode).errorPolicy(ErrorPolicy.deadLetter(dead::add)).map(r -> r.get("temp")).sink(temps::add);
        in.emit(utf8("1,a,20.0"));
        in.emit(utf8("2,b"));
        in.emit(utf8("3,c,22.5"));
        in.complete();
        p.await();
        assertEquals(List.of(20.0, 22.5), temps);
        assertEquals(1, dead.size());
        assertTrue(dead.get(0).error().getMessage().contains("expected 3 fields"));
    }
}
