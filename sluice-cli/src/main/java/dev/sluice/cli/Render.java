package dev.sluice.cli;

import dev.sluice.NodeSnapshot;
import dev.sluice.PipelineSnapshot;
import java.util.HashMap;
import java.util.Map;

/**
 * Every text form of a pipeline in one place: the status table of a {@link PipelineSnapshot}, and
 * a {@link Drawing} (of a file's graph or a running pipeline's) as Graphviz DOT, a Mermaid
 * flowchart or a standalone SVG. The engine gives data; this is what the {@code sluice} command
 * prints, and what a program may print too.
 */
public final class Render {
    private Render() {}

    /** One row per node: in, out, errors, skipped, dead letters, dropped, queue, busy time and flags. */
    public static String table(PipelineSnapshot snap) {
        String[] head = {"node", "kind", "in", "out", "errors", "skipped", "dead", "dropped", "queue", "busy ms", "flags"};
        String[][] rows = new String[snap.nodes().size()][];
        int i = 0;
        for (NodeSnapshot n : snap.nodes()) {
            String queue = n.queueCapacity() > 0 ? n.queueDepth() + "/" + n.queueCapacity() : String.valueOf(n.queueDepth());
            StringBuilder flags = new StringBuilder();
            if (n.logjam()) {
                flags.append("LOGJAM ");
            }
            if (n.stuck()) {
                flags.append("STUCK ");
            }
            if (n.done()) {
                flags.append("done");
            }
            rows[i++] = new String[] {n.name(), n.kind(), Long.toString(n.in()), Long.toString(n.out()),
                Long.toString(n.errors()), Long.toString(n.skipped()), Long.toString(n.deadLettered()),
                Long.toString(n.dropped()), queue, Long.toString(n.busyNanos() / 1_000_000), flags.toString().trim()};
        }
        int[] width = new int[head.length];
        for (int c = 0; c < head.length; c++) {
            width[c] = head[c].length();
            for (String[] r : rows) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        sb.append("pipeline ").append(snap.state().name().toLowerCase());
        snap.failure().ifPresent(f -> sb.append(": ").append(f.getMessage()));
        sb.append('\n');
        appendRow(sb, head, width);
        for (String[] r : rows) {
            appendRow(sb, r, width);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, String[] cells, int[] width) {
        for (int c = 0; c < cells.length; c++) {
            boolean numeric = c >= 2 && c <= 9;
            String cell = cells[c];
            String pad = " ".repeat(width[c] - cell.length());
            sb.append(numeric ? pad + cell : cell + pad);
            if (c < cells.length - 1) {
                sb.append("  ");
            }
        }
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    /** The graph in Graphviz DOT. */
    public static String dot(Drawing d) {
        Map<String, String> ids = ids(d);
        StringBuilder sb = new StringBuilder();
        sb.append("digraph \"").append(escape(d.title())).append("\" {\n");
        sb.append("  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        for (Drawing.Box n : d.boxes()) {
            String label = n.name() + "\\n" + n.kind() + (n.queue() > 0 ? " [" + n.queue() + "]" : "");
            sb.append("  ").append(ids.get(n.name())).append(" [label=\"").append(escape(label).replace("\\\\n", "\\n"))
                    .append('"');
            if (n.alarm()) {
                sb.append(", color=red");
            }
            sb.append("];\n");
        }
        for (Drawing.Box n : d.boxes()) {
            for (String input : n.inputs()) {
                sb.append("  ").append(ids.get(input)).append(" -> ").append(ids.get(n.name())).append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    /** The graph as a Mermaid flowchart. */
    public static String mermaid(Drawing d) {
        Map<String, String> ids = ids(d);
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        for (Drawing.Box n : d.boxes()) {
            String label = n.name() + " (" + n.kind() + (n.queue() > 0 ? ", queue " + n.queue() : "") + ")";
            sb.append("  ").append(ids.get(n.name())).append("[\"").append(label.replace("\"", "#quot;")).append("\"]\n");
        }
        for (Drawing.Box n : d.boxes()) {
            for (String input : n.inputs()) {
                sb.append("  ").append(ids.get(input)).append(" --> ").append(ids.get(n.name())).append('\n');
            }
        }
        return sb.toString();
    }

    /** The graph as a standalone SVG a browser opens: no Graphviz needed. */
    public static String svg(Drawing d) {
        return SvgGraph.render(d);
    }

    private static Map<String, String> ids(Drawing d) {
        Map<String, String> ids = new HashMap<>();
        int i = 0;
        for (Drawing.Box n : d.boxes()) {
            ids.put(n.name(), "n" + i++);
        }
        return ids;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
