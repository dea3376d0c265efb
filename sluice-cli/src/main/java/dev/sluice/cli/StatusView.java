package dev.sluice.cli;

import dev.sluice.NodeSnapshot;
import dev.sluice.PipelineSnapshot;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.Map;

/**
 * What {@code sluice run} shows while a pipeline runs: on a terminal, a table redrawn in place
 * (per node: in, out, rate, queue, errors, flags); otherwise one plain line per refresh, fit for a
 * log file.
 */
final class StatusView {
    private final PrintStream out;
    private final boolean terminal;
    private final Map<String, Long> lastIn = new HashMap<>();
    private long lastNanos;
    private int drawnLines;

    StatusView(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(PipelineSnapshot snap, long nowNanos) {
        double seconds = lastNanos == 0 ? 0 : (nowNanos - lastNanos) / 1e9;
        lastNanos = nowNanos;
        StringBuilder sb = new StringBuilder();
        if (terminal) {
            if (drawnLines > 0) {
                sb.append("\033[").append(drawnLines).append('A'); // back to the top of the last table
            }
            String header = String.format("%-20s %12s %12s %10s %11s %8s  %s", "node", "in", "out", "rate/s", "queue",
                    "errors", "flags");
            sb.append(header).append("\033[K\n");
            for (NodeSnapshot n : snap.nodes()) {
                sb.append(String.format("%-20s %12d %12d %10s %11s %8d  %s", n.name(), n.in(), n.out(), rate(n, seconds),
                        n.queueCapacity() > 0 ? n.queueDepth() + "/" + n.queueCapacity() : "-", n.errors(), flags(n)))
                        .append("\033[K\n");
            }
            drawnLines = snap.nodes().size() + 1;
        } else {
            sb.append(snap.state().name().toLowerCase());
            for (NodeSnapshot n : snap.nodes()) {
                sb.append(" | ").append(n.name()).append(' ').append(n.in()).append('/').append(n.out())
                        .append(" ").append(rate(n, seconds)).append("/s");
                if (n.queueCapacity() > 0) {
                    sb.append(" q").append(n.queueDepth());
                }
                if (n.errors() > 0) {
                    sb.append(" err").append(n.errors());
                }
                String f = flags(n);
                if (!f.isEmpty()) {
                    sb.append(' ').append(f);
                }
            }
            sb.append('\n');
        }
        out.print(sb);
        out.flush();
    }

    private String rate(NodeSnapshot n, double seconds) {
        Long before = lastIn.put(n.name(), n.in());
        if (before == null || seconds <= 0) {
            return "-";
        }
        return String.format("%.0f", (n.in() - before) / seconds);
    }

    private static String flags(NodeSnapshot n) {
        return ((n.logjam() ? "LOGJAM " : "") + (n.stuck() ? "STUCK " : "") + (n.done() ? "done" : "")).trim();
    }
}
