package dev.sluice.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.DeadLetter;
import dev.sluice.ErrorPolicy;
import dev.sluice.Pipeline;
import dev.sluice.PipelineException;
import dev.sluice.Sluice;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Lines in bounded memory: an over-long or undecodable line is handed on with its reason and place, and reading goes on. */
class LineReaderTest {
    @TempDir
    Path dir;

    private record Read(List<String> lines, List<String> bad) {}

    private static Read read(InputStream in, int maxLine) throws Exception {
        List<String> lines = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        new LineReader(Path.of("in.txt"), maxLine).read(in, new FileNodes.LineSink() {
            @Override
            public void line(Line line) {
                lines.add(line.number() + ":" + line.text());
            }

            @Override
            public void bad(Line line, RuntimeException reason) {
                bad.add(line.where() + ": " + reason.getMessage() + " [" + line.text().length() + " chars kept]");
            }
        });
        return new Read(lines, bad);
    }

    @Test
    void lines_withEitherLineEnd_andALastLineWithoutOne() throws Exception {
        Read r = read(new ByteArrayInputStream("a\r\n\nb\nlast".getBytes(StandardCharsets.UTF_8)), 100);
        assertEquals(List.of("1:a", "2:", "3:b", "4:last"), r.lines());
        assertEquals(List.of(), r.bad());
    }

    @Test
    void aFiftyMegabyteLine_isSkipped_withoutBeingHeld_andTheNextLineIsRead() throws Exception {
        long huge = 50L << 20;
        InputStream in = new InputStream() { // 50 MB of 'x', a line end, then "ok": never in memory at once
            long at;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                byte[] tail = "\nok\n".getBytes(StandardCharsets.UTF_8);
                if (at >= huge + tail.length) {
                    return -1;
                }
                int n = 0;
                while (n < len && at < huge + tail.length) {
                    b[off + n++] = at < huge ? (byte) 'x' : tail[(int) (at - huge)];
                    at++;
                }
                return n;
            }
        };
        Read r = read(in, 1024);
        assertEquals(List.of("2:ok"), r.lines());
        assertEquals(List.of("in.txt:1: a line of " + huge + " bytes, longer than 1024 (the node's max-line): skipped"
                + " [259 chars kept]"), r.bad(), "the line's start is kept for the dead letter, not the line");
    }

    @Test
    void aLineThatIsNotUtf8_isSkipped_namingTheByte() throws Exception {
        byte[] bytes = {'o', 'k', '\n', 'a', 'b', (byte) 0xff, 'c', '\n', (byte) 0xc3, (byte) 0xa9, '\n'};
        Read r = read(new ByteArrayInputStream(bytes), 100);
        assertEquals(List.of("1:ok", "3:é"), r.lines());
        assertEquals(List.of("in.txt:2: not UTF-8 text: byte 3 of the line is 0xff: skipped [4 chars kept]"), r.bad());
    }

    @Test
    void filesRead_sendsABadLineToItsOnError_andReadsOn_orFailsNamingThePlace() throws Exception {
        Path file = dir.resolve("data.csv");
        Files.write(file, new byte[] {'a', '\n', (byte) 0xfe, '\n', 'b', '\n'});
        List<DeadLetter> dead = new ArrayList<>();
        List<String> out = new ArrayList<>();
        Pipeline p = Sluice.pipeline().build();
        p.<Line>generate("read", (ctx, emit) -> {
            var lines = FileNodes.lines(100);
            lines.onStart(ctx);
            lines.process(file, emit);
        }).errorPolicy(ErrorPolicy.deadLetter(dead::add)).sink(l -> out.add(l.toString()));
        p.start();
        p.await();
        assertEquals(List.of("a", "b"), out);
        assertEquals(1, dead.size());
        assertEquals(file + ":2: not UTF-8 text: byte 1 of the line is 0xfe: skipped", dead.get(0).reason());

        Pipeline failing = Sluice.pipeline().build();
        failing.<Line>generate("read", (ctx, emit) -> {
            var lines = FileNodes.lines(100);
            lines.onStart(ctx);
            lines.process(file, emit);
        }).sink(l -> {});
        failing.start();
        PipelineException e = org.junit.jupiter.api.Assertions.assertThrows(PipelineException.class, failing::await);
        assertTrue(e.getMessage().contains(file + ":2: not UTF-8 text"), e.getMessage());
    }
}
