package dev.sluice;

import java.util.HashMap;
import java.util.Map;

/** Renders a {@link PipelineSnapshot} as a status table, Graphviz DOT or a Mermaid flowchart. */
final class GraphText {
    private GraphText() {}

    static String table(PipelineSnapshot snap) {
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

    static String dot(String name, PipelineSnapshot snap) {
        Map<String, String> ids = ids(snap);
        StringBuilder sb = new StringBuilder();
        sb.append("digraph \"").append(escape(name)).append("\" {\n");
        sb.append("  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n");
        for (NodeSnapshot n : snap.nodes()) {
            String label = n.name() + "\\n" + n.kind()
                    + (n.queueCapacity() > 0 ? " [" + n.queueCapacity() + "]" : "");
            sb.append("  ").append(ids.get(n.name())).append(" [label=\"").append(escape(label).replace("\\\\n", "\\n"))
                    .append('"');
            if (n.logjam() || n.stuck()) {
                sb.append(", color=red");
            }
            sb.append("];\n");
        }
        for (NodeSnapshot n : snap.nodes()) {
            for (String input : n.inputs()) {
                sb.append("  ").append(ids.get(input)).append(" -> ").append(ids.get(n.name())).append(";\n");
            }
        }
        return sb.append("}\n").toString();
    }

    static String mermaid(PipelineSnapshot snap) {
        Map<String, String> ids = ids(snap);
        StringBuilder sb = new StringBuilder("flowchart LR\n");
        for (NodeSnapshot n : snap.nodes()) {
            String label = n.name() + " (" + n.kind() + (n.queueCapacity() > 0 ? ", queue " + n.queueCapacity() : "") + ")";
            sb.append("  ").append(ids.get(n.name())).append("[\"").append(label.replace("\"", "#quot;")).append("\"]\n");
        }
        for (NodeSnapshot n : snap.nodes()) {
            for (String input : n.inputs()) {
                sb.append("  ").append(ids.get(input)).append(" --> ").append(ids.get(n.name())).append('\n');
            }
        }
        return sb.toString();
    }

    private static Map<String, String> ids(PipelineSnapshot snap) {
        Map<String, String> ids = new HashMap<>();
        int i = 0;
        for (NodeSnapshot n : snap.nodes()) {
            ids.put(n.name(), "n" + i++);
        }
        return ids;
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
