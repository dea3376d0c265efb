package dev.sluice.http.nodes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP server on loopback for the client node types to call: each request is answered by
 * a script that sees how many times its path was asked, so a test can fail, delay and recover.
 */
final class ScriptedServer implements AutoCloseable {
    /** A request as the script sees it. */
    record Request(String method, String path, String query, Map<String, List<String>> headers, String body, int attempt) {}

    /** An answer: status, content type and body. */
    record Answer(int status, String contentType, String body) {
        static Answer json(int status, String body) {
            return new Answer(status, "application/json", body);
        }
    }

    interface Script {
        Answer answer(Request request) throws Exception;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    final List<Request> received = new CopyOnWriteArrayList<>();

    ScriptedServer(Script script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(threads);
        server.createContext("/", exchange -> handle(exchange, script));
        server.start();
    }

    private void handle(HttpExchange exchange, Script script) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int attempt = attempts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
            Request request = new Request(exchange.getRequestMethod(), path, exchange.getRequestURI().getRawQuery(),
                    Map.copyOf(exchange.getRequestHeaders()), body, attempt);
            received.add(request);
            Answer answer;
            try {
                answer = script.answer(request);
            } catch (Exception e) {
                answer = new Answer(500, "text/plain", "script failed: " + e);
            }
            byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
    }

    /** How many requests asked for {@code path}. */
    int attempts(String path) {
        AtomicInteger n = attempts.get(path);
        return n == null ? 0 : n.get();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
