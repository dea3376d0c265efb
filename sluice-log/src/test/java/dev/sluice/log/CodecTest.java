package dev.sluice.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Codec;
import dev.sluice.json.JsonCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed views: values in, values out, and bad records to the dead-letter stream with the reason. */
class CodecTest {
    record Reading(String sensor, double celsius) {}

    @Test
    void jsonValues_roundTrip_andUndecodableRecordsAreDeadLettered() throws Exception {
        try (StreamLog log = StreamLog.inMemory()) {
            LogStream stream = log.stream("readings");
            Codec<Reading> json = JsonCodec.of(Reading.class);
            stream.append(new Reading("roof", 4.5), json);
            stream.append("{\"sensor\": \"cellar\", \"celsius\": }"); // a producer's bug
            stream.append(new Reading("boiler", 71.0), json);

            List<Reading> got = new ArrayList<>();
            GroupConsumer consumer = stream.consumer("dashboard", WindowStrategy.count(3));
            assertTrue(consumer.runOnce(json, (values, window) -> got.addAll(values)));
            assertEquals(List.of(new Reading("roof", 4.5), new Reading("boiler", 71.0)), got);
            assertEquals(0, consumer.lag());

            List<LogRecord> dead = log.stream("readings.dead-letter").read(1, 10);
            assertEquals(1, dead.size());
            assertEquals("{\"sensor\": \"cellar\", \"celsius\": }", dead.get(0).text());
            String reason = dead.get(0).headers().get("sluice.error");
            assertTrue(reason.startsWith("cannot decode as json(Reading): invalid JSON for Reading at column "), reason);
            assertEquals("2", dead.get(0).headers().get("sluice.position"));
        }
    }

    @Test
    void strictUtf8_rejectsMalformedBytes() throws Exception {
        try (StreamLog log = StreamLog.inMemory()) {
            LogStream stream = log.stream("text");
            stream.append(new byte[] {(byte) 0xC3, (byte) 0x28});
            stream.append("fine", Codec.utf8());
            List<String> got = new ArrayList<>();
            stream.consumer("g", WindowStrategy.count(2)).runOnce(Codec.utf8(), (values, w) -> got.addAll(values));
            assertEquals(List.of("fine"), got);
            String reason = log.stream("text.dead-letter").read(1, 1).get(0).headers().get("sluice.error");
            assertTrue(reason.startsWith("cannot decode as utf-8: not valid UTF-8"), reason);
        }
    }
}
