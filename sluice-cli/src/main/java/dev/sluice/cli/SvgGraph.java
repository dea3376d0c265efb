package dev.sluice.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A picture of a pipeline as a standalone SVG a person can open in a browser: nodes in columns by
 * their distance from the sources (longest path), boxes labelled with name and kind, arrows for
 * edges. No Graphviz needed.
 */
final class SvgGraph {
    private static final int BOX_W = 170;
    private static final int BOX_H = 46;
    private static final int COL = 230;
    private static final int ROW = 76;
    private static final int MARGIN = 24;

    private SvgGraph() {}

    static String render(Drawing d) {
        String title = d.title();
        Map<String, Drawing.Box> byName = new HashMap<>();
        d.boxes().forEach(n -> byName.put(n.name(), n));
        Map<String, Integer> column = new HashMap<>();
        for (Drawing.Box n : d.boxes()) {
            depth(n.name(), byName, column, 0);
        }
        Map<Integer, List<String>> columns = new HashMap<>();
        for (Drawing.Box n : d.boxes()) {
            columns.computeIfAbsent(column.get(n.name()), c -> new ArrayList<>()).add(n.name());
        }
        Map<String, int[]> at = new HashMap<>();
        int maxRows = 1;
        int maxCol = 0;
        for (Map.Entry<Integer, List<String>> c : columns.entrySet()) {
            maxCol = Math.max(maxCol, c.getKey());
            maxRows = Math.max(maxRows, c.getValue().size());
            for (int r = 0; r < c.getValue().size(); r++) {
                at.put(c.getValue().get(r), new int[] {MARGIN + c.getKey() * COL, MARGIN + 30 + r * ROW});
            }
        }
        int width = MARGIN * 2 + maxCol * COL + BOX_W;
        int height = MARGIN * 2 + 30 + (maxRows - 1) * ROW + BOX_H;
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\">\n");
        sb.append("  <defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"8\""
                + " markerHeight=\"8\" orient=\"auto-start-reverse\"><path d=\"M 0 0 L 10 5 L 0 10 z\" fill=\"#555\"/>"
                + "</marker></defs>\n");
        sb.append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        sb.append("  <text x=\"").append(MARGIN).append("\" y=\"").append(MARGIN + 8)
                .append("\" font-size=\"16\" font-weight=\"bold\">").append(esc(title)).append("</text>\n");
        for (Drawing.Box n : d.boxes()) {
            int[] to = at.get(n.name());
            for (String input : n.inputs()) {
                int[] from = at.get(input);
                if (from == null) {
                    continue;
                }
                sb.append("  <line class=\"edge\" x1=\"").append(from[0] + BOX_W).append("\" y1=\"").append(from[1] + BOX_H / 2)
                        .append("\" x2=\"").append(to[0]).append("\" y2=\"").append(to[1] + BOX_H / 2)
                        .append("\" stroke=\"#555\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n");
            }
        }
        for (Drawing.Box n : d.boxes()) {
            int[] p = at.get(n.name());
            boolean alarm = n.alarm();
            sb.append("  <g class=\"node\"><rect x=\"").append(p[0]).append("\" y=\"").append(p[1]).append("\" width=\"")
                    .append(BOX_W).append("\" height=\"").append(BOX_H).append("\" rx=\"8\" fill=\"")
                    .append(alarm ? "#fde2e1" : "#eef3fb").append("\" stroke=\"").append(alarm ? "#c0392b" : "#4a6fa5")
                    .append("\"/>\n");
            sb.append("    <text x=\"").append(p[0] + BOX_W / 2).append("\" y=\"").append(p[1] + 20)
                    .append("\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\">").append(esc(n.name()))
                    .append("</text>\n");
            String detail = n.kind() + (n.queue() > 0 ? " · queue " + n.queue() : "");
            sb.append("    <text x=\"").append(p[0] + BOX_W / 2).append("\" y=\"").append(p[1] + 36)
                    .append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#444\">").append(esc(detail))
                    .append("</text></g>\n");
        }
        sb.append("</svg>\n");
        return sb.toString();
    }

    /** The longest path from a source to {@code node}; guards against cycles by depth. */
    private static int depth(String node, Map<String, Drawing.Box> byName, Map<String, Integer> memo, int guard) {
        Integer known = memo.get(node);
        if (known != null) {
            return known;
        }
        int d = 0;
        Drawing.Box n = byName.get(node);
        if (n != null && guard < byName.size()) {
            for (String input : n.inputs()) {
                d = Math.max(d, depth(input, byName, memo, guard + 1) + 1);
            }
        }
        memo.put(node, d);
        return d;
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
