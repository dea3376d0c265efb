package dev.sluice.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.NodeSnapshot;
import dev.sluice.Pipeline;
import dev.sluice.PipelineSnapshot;
import dev.sluice.PipelineState;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * An HTTP endpoint for a running pipeline, off unless asked for ({@code sluice run --http PORT})
 * and bound to the loopback address only:
 *
 * <ul>
 *   <li>{@code /metrics}: Prometheus text format, one series per node and counter;</li>
 *   <li>{@code /health/live}: 200 while the process serves requests;</li>
 *   <li>{@code /health/ready}: 200 while the pipeline runs, 503 otherwise (with the state).</li>
 * </ul>
 */
final class MetricsEndpoint implements AutoCloseable {
    private final HttpServer server;

    private MetricsEndpoint(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code pipeline} on 127.0.0.1:{@code port} (0 picks a free port). */
    static MetricsEndpoint start(Pipeline pipeline, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
        server.createContext("/metrics", ex -> respond(ex, 200, "text/plain; version=0.0.4", prometheus(pipeline.snapshot())));
        server.createContext("/health/live", ex -> respond(ex, 200, "text/plain", "live\n"));
        server.createContext("/health/ready", ex -> {
            PipelineState state = pipeline.state();
            boolean ready = state == PipelineState.RUNNING;
            respond(ex, ready ? 200 : 503, "text/plain", state.name().toLowerCase() + "\n");
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> Thread.ofPlatform().daemon(true)
                .name("sluice-http").unstarted(r)));
        server.start();
        return new MetricsEndpoint(server);
    }

    int port() {
        return server.getAddress().getPort();
    }

    private static void respond(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String prometheus(PipelineSnapshot snap) {
        StringBuilder sb = new StringBuilder();
        counter(sb, snap, "sluice_node_in_total", "items received", NodeSnapshot::in);
        counter(sb, snap, "sluice_node_out_total", "items emitted", NodeSnapshot::out);
        counter(sb, snap, "sluice_node_errors_total", "exceptions from the node's function", NodeSnapshot::errors);
        counter(sb, snap, "sluice_node_skipped_total", "items skipped by the error policy", NodeSnapshot::skipped);
        counter(sb, snap, "sluice_node_dead_lettered_total", "items sent to a dead-letter sink", NodeSnapshot::deadLettered);
        counter(sb, snap, "sluice_node_dropped_total", "items dropped by design", NodeSnapshot::dropped);
        counter(sb, snap, "sluice_node_busy_seconds_total", "time the node's thread worked", n -> n.busyNanos() / 1e9);
        gauge(sb, snap, "sluice_node_queue_depth", "items waiting in the input queue", NodeSnapshot::queueDepth);
        gauge(sb, snap, "sluice_node_queue_capacity", "input queue capacity", NodeSnapshot::queueCapacity);
        gauge(sb, snap, "sluice_node_logjam", "1 when the node is the bottleneck", n -> n.logjam() ? 1 : 0);
        gauge(sb, snap, "sluice_node_stuck", "1 when the node makes no progress", n -> n.stuck() ? 1 : 0);
        sb.append("# HELP sluice_pipeline_up 1 while the pipeline runs\n# TYPE sluice_pipeline_up gauge\n");
        sb.append("sluice_pipeline_up ").append(snap.state() == PipelineState.RUNNING ? 1 : 0).append('\n');
        return sb.toString();
    }

    private static void counter(StringBuilder sb, PipelineSnapshot snap, String name, String help,
            java.util.function.ToDoubleFunction<NodeSnapshot> value) {
        series(sb, snap, name, help, "counter", value);
    }

    private static void gauge(StringBuilder sb, PipelineSnapshot snap, String name, String help,
            java.util.function.ToDoubleFunction<NodeSnapshot> value) {
        series(sb, snap, name, help, "gauge", value);
    }

    private static void series(StringBuilder sb, PipelineSnapshot snap, String name, String help, String type,
            java.util.function.ToDoubleFunction<NodeSnapshot> value) {
        sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
        sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        for (NodeSnapshot n : snap.nodes()) {
            double v = value.applyAsDouble(n);
            sb.append(name).append("{node=\"").append(n.name().replace("\\", "\\\\").replace("\"", "\\\""))
                    .append("\",kind=\"").append(n.kind()).append("\"} ")
                    .append(v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v)).append('\n');
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
