package dev.sluice.http.nodes;

import dev.sluice.nodetype.InvalidOptionException;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.time.Clock;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The requests of an {@code http.lookup} or {@code http.write} node, on the JDK's HTTP client:
 * each on a virtual thread, retried with a doubling backoff on the pipeline's clock when the
 * server is unreachable, slow, or answers 429 or 5xx (a {@code Retry-After} is honoured up to the
 * longest backoff). Other answers are not retried: the request itself is wrong.
 */
final class Calls implements AutoCloseable {
    /** The options both node types take. */
    static final List<OptionSpec> OPTIONS = List.of(
            OptionSpec.required("url", OptionType.STRING,
                    "the URL; expressions in braces are filled in per row and percent-encoded: http://host/users/{row.id}"),
            OptionSpec.optional("headers", OptionType.MAPPING, null, "request headers; values may hold {expressions}"),
            OptionSpec.optional("timeout", OptionType.DURATION, "5s", "how long one attempt waits for an answer"),
            OptionSpec.optional("retries", OptionType.INT, "3",
                    "attempts after the first when the server is unreachable, slow, or answers 429 or 5xx").between(0, 100),
            OptionSpec.optional("backoff", OptionType.DURATION, "200ms", "the wait before the first retry; it doubles"),
            OptionSpec.optional("max-backoff", OptionType.DURATION, "10s", "the longest wait between attempts"),
            OptionSpec.optional("concurrency", OptionType.INT, "4",
                    "requests in flight at once; items still come out in order").between(1, 1024));

    /** An answer: its status and body, parsed as JSON when the server says it is JSON. */
    record Answer(int status, Object body) {}

    /** A request that failed for good, after its retries: the reason says which and why. */
    static final class CallFailed extends RuntimeException {
        CallFailed(String message) {
            super(message, null, false, false);
        }
    }

    private final HttpClient client;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Clock clock;

    Calls(NodeOptions o, Clock clock) {
        this.timeout = o.duration("timeout");
        this.retries = (int) o.integer("retries");
        this.backoff = o.duration("backoff");
        this.maxBackoff = o.duration("max-backoff");
        this.clock = clock;
        // HTTP/1.1: the client's default HTTP/2 tries an h2c upgrade on plain http, which some servers mishandle
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout)
                .executor(threads).build();
    }

    /** The header templates of {@code o}, checked. */
    static Map<String, Template> headers(NodeOptions o) {
        Map<String, Template> headers = new LinkedHashMap<>();
        if (o.has("headers")) {
            o.mapping("headers").forEach((name, value) -> headers.put(name, Template.text("headers", name, value)));
        }
        return headers;
    }

    /** The URL template of {@code o}, checked: http or https, and a host. */
    static Template url(NodeOptions o) {
        String url = o.string("url");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw new InvalidOptionException("url", null, 0, "'" + url + "' is not an http:// or https:// URL");
        }
        return Template.url("url", url);
    }

    /** Sends {@code request} on its own virtual thread, with retries; the future fails with {@link CallFailed}. */
    Future<Answer> submit(HttpRequest request) {
        return threads.submit(() -> call(request));
    }

    private Answer call(HttpRequest request) throws InterruptedException {
        String what = request.method() + " " + request.uri();
        long wait = backoff.toNanos();
        String reason;
        for (int attempt = 0; ; attempt++) {
            long retryAfter = -1;
            try {
                HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status / 100 == 2 || status == 404) {
                    return new Answer(status, Bodies.response(response.body(),
                            response.headers().firstValue("Content-Type").orElse(null)));
                }
                reason = "answered " + status + snippet(response.body());
                if (status != 429 && status / 100 != 5) {
                    throw new CallFailed(what + " " + reason);
                }
                retryAfter = response.headers().firstValue("Retry-After").map(Calls::seconds).orElse(-1L);
            } catch (HttpConnectTimeoutException e) {
                reason = "could not connect within " + timeout.toMillis() + " ms";
            } catch (HttpTimeoutException e) {
                reason = "had no answer within " + timeout.toMillis() + " ms";
            } catch (ConnectException e) {
                reason = "could not connect to " + request.uri().getHost() + ":" + port(request.uri());
            } catch (IOException e) {
                reason = "failed: " + (e.getMessage() != null ? e.getMessage() : "the connection broke");
            }
            if (attempt >= retries) {
                throw new CallFailed(what + " " + reason + (retries > 0 ? " (after " + (retries + 1) + " attempts)" : ""));
            }
            long pause = retryAfter >= 0 ? Math.min(retryAfter * 1_000_000_000L, maxBackoff.toNanos()) : wait;
            clock.sleep(Duration.ofNanos(pause));
            wait = Math.min(wait * 2, maxBackoff.toNanos());
        }
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
    }

    private static long seconds(String value) {
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return -1; // an HTTP date: keep our own backoff
        }
    }

    /** The start of an error answer's body, which usually says what was wrong. */
    private static String snippet(byte[] body) {
        if (body == null || body.length == 0) {
            return "";
        }
        String text = new String(body, 0, Math.min(body.length, 200), java.nio.charset.StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text.replace('\n', ' ');
    }

    /** A request for {@code item}: the URL and headers filled in, {@code body} null for none. */
    HttpRequest request(String method, Template url, Map<String, Template> headers, Object item, byte[] body, String contentType) {
        URI uri;
        try {
            uri = URI.create(url.fill(item));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the URL for this item is not valid: " + e.getMessage());
        }
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (body != null && contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach((name, value) -> b.setHeader(name, value.fill(item)));
        return b.build();
    }

    @Override
    public void close() {
        threads.shutdownNow();
        client.shutdownNow();
    }
}
