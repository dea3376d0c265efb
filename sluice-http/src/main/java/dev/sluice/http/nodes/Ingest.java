package dev.sluice.http.nodes;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One {@code http.server} node's path: takes POSTed bodies, bounds what waits for the pipeline,
 * and answers each request once its rows are processed (or received). Requests run on the
 * server's virtual threads; the node's generator takes them from {@link #requests} in order.
 *
 * <p>The bound counts rows, not requests, because memory is spent per row: a request that does
 * not fit gets 429 at once, so a slow sink pushes back on the clients instead of filling the heap
 * or dropping what they sent.
 */
final class Ingest implements HttpHandler {
    /** A request's rows and the client's answer, completed when the rows are processed. */
    record Request(List<Object> items, CompletableFuture<Void> done) {}

    /** Not a request: wakes the node's loop when an acknowledgement lets the next group go. */
    static final Request WAKE = new Request(List.of(), new CompletableFuture<>());

    final String path;
    private final String format;
    private final byte[] token;
    private final int capacity;
    private final long maxBody;
    private final boolean ackProcessed;
    private final Duration timeout;
    /** Rows accepted and not yet processed (received, with {@code ack: received}). */
    final AtomicInteger pending = new AtomicInteger();
    final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    private final java.util.Set<Request> taken = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean open = true;

    Ingest(String path, String format, String token, int capacity, long maxBody, boolean ackProcessed, Duration timeout) {
        this.path = path;
        this.format = format;
        this.token = token == null ? null : ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
        this.capacity = capacity;
        this.maxBody = maxBody;
        this.ackProcessed = ackProcessed;
        this.timeout = timeout;
    }

    boolean acksProcessed() {
        return ackProcessed;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                serve(exchange);
            } catch (RuntimeException e) {
                // a bug of ours must still give the client an answer, not a dropped connection
                reply(exchange, 500, error("the server failed: " + e.getMessage()));
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        if (!exchange.getRequestURI().getPath().equals(path)) {
            reply(exchange, 404, error("no source takes " + exchange.getRequestURI().getPath()));
            return;
        }
        if (!exchange.getRequestMethod().equals("POST")) {
            exchange.getResponseHeaders().set("Allow", "POST");
            reply(exchange, 405, error("POST rows to " + path));
            return;
        }
        if (token != null && !authorized(exchange.getRequestHeaders().getFirst("Authorization"))) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            reply(exchange, 401, error("a bearer token is needed"));
            return;
        }
        if (!open) {
            reply(exchange, 503, error("the pipeline is stopping"));
            return;
        }
        byte[] body = body(exchange);
        if (body == null) {
            reply(exchange, 413, error("the body is larger than the node's max-body (" + maxBody + " bytes)"));
            return;
        }
        List<Object> items;
        try {
            items = Bodies.items(body, format);
        } catch (Bodies.BadBody e) {
            reply(exchange, 400, error(e.getMessage()));
            return;
        }
        int n = items.size();
        if (n > capacity) {
            reply(exchange, 413, error("a request of " + n + " rows is more than the node's queue holds ("
                    + capacity + "): send smaller batches"));
            return;
        }
        if (n > 0 && !reserve(n)) {
            exchange.getResponseHeaders().set("Retry-After", "1");
            reply(exchange, 429, error("the pipeline is busy: " + pending.get() + " rows wait; try again"));
            return;
        }
        Request request = new Request(items, new CompletableFuture<>());
        if (n > 0) {
            requests.add(request);
            if (!open) { // closed while we queued: close() may have drained before our add
                fail(request);
            }
        } else {
            request.done.complete(null);
        }
        answer(exchange, request, n);
    }

    private void answer(HttpExchange exchange, Request request, int n) throws IOException {
        if (!ackProcessed) {
            reply(exchange, 202, "{\"accepted\":" + n + "}");
            return;
        }
        try {
            request.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            reply(exchange, 200, "{\"accepted\":" + n + "}");
        } catch (TimeoutException e) {
            reply(exchange, 503, error("the rows were not processed within " + timeout.toMillis()
                    + " ms; they may still be, so a retry may repeat them"));
        } catch (ExecutionException e) {
            reply(exchange, 503, error(e.getCause().getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply(exchange, 503, error("the server is stopping"));
        }
    }

    private boolean reserve(int n) {
        for (int now; (now = pending.get()) + n <= capacity; ) {
            if (pending.compareAndSet(now, now + n)) {
                return true;
            }
        }
        return false;
    }

    private boolean authorized(String header) {
        return header != null && MessageDigest.isEqual(token, header.trim().getBytes(StandardCharsets.UTF_8));
    }

    /** The body, or null when it is longer than {@code maxBody}: read no further than that. */
    private byte[] body(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBody) {
                    return null;
                }
            } catch (NumberFormatException ignored) {
                // the server has refused a malformed length already; read and count
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes((int) Math.min(maxBody + 1, Integer.MAX_VALUE - 8));
            return body.length > maxBody ? null : body;
        }
    }

    /** The rows of {@code request} are processed (or, with {@code ack: received}, taken). */
    void processed(Request request) {
        taken.remove(request);
        if (request.done.complete(null)) {
            pending.addAndGet(-request.items.size());
        }
    }

    /** The generator took {@code request}: its rows are in the pipeline, not yet acknowledged. */
    Request take(Request request) {
        if (request != null) {
            taken.add(request);
        }
        return request;
    }

    /** When the node has stopped: the requests whose rows were taken but never acknowledged get 503. */
    void abandon() {
        close();
        for (Request r : List.copyOf(taken)) {
            taken.remove(r);
            fail(r);
        }
    }

    /** Refuses new requests and answers the queued ones with 503: their rows never entered the pipeline. */
    void close() {
        open = false;
        for (Request r; (r = requests.poll()) != null; ) {
            if (r != WAKE) {
                fail(r);
            }
        }
    }

    /** Answers with 503 every request not yet answered, when the pipeline ends without processing them. */
    void fail(Request request) {
        if (request.done.completeExceptionally(new IllegalStateException("the pipeline stopped before processing the rows"))) {
            pending.addAndGet(-request.items.size());
        }
    }

    private static String error(String message) {
        return "{\"error\":" + dev.sluice.Row.json(message) + "}";
    }

    private static void reply(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
