package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.NodeSnapshot;
import dev.sluice.PipelineSnapshot;
import dev.sluice.PipelineState;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StatusViewTest {
    static PipelineSnapshot snap(long in, boolean logjam) {
        return new PipelineSnapshot(PipelineState.RUNNING, List.of(new NodeSnapshot("parse", "node", List.of("read"), in,
                in, 0, 0, 0, 0, 0, 1024, 1024, 0, logjam, false, false)), Optional.empty());
    }

    @Test
    void plainLines_withRates_forLogs() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusView view = new StatusView(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        view.show(snap(100, false), 1_000_000_000L);
        view.show(snap(600, true), 3_000_000_000L);
        assertEquals("running | parse 100/100 -/s q1024\nrunning | parse 600/600 250/s q1024 LOGJAM\n",
                bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void terminal_redrawsInPlace() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        StatusView view = new StatusView(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
        view.show(snap(1, false), 1);
        view.show(snap(2, false), 1_000_000_001L);
        String screen = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(screen.contains("\033[2A"), "moves up over the 2 lines drawn before");
        assertTrue(screen.contains("1024/1024"), screen);
    }
}
