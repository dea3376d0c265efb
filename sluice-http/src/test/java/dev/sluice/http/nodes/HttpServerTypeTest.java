package dev.sluice.http.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.Pipeline;
import dev.sluice.PipelineState;
import dev.sluice.Row;
import dev.sluice.Sluice;
import dev.sluice.test.NodeTypeKit;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http.server on a real socket, with the JDK's HTTP client as the producer. */
class HttpServerTypeTest {
    static final String ANY_PORT = "127.0.0.1:0";

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    @AfterEach
    void closeClient() {
        client.shutdownNow();
    }

    private HttpResponse<String> post(int port, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int port() throws Exception {
        return IngestServers.listening(ANY_PORT).get(30, TimeUnit.SECONDS);
    }

    @Test
    void keepsTheNodeTypeContract_andEmitsThePostedRowsInOrder() throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<List<Object>> rows = runner.submit(() -> NodeTypeKit.of(new HttpServerType()).option("address", ANY_PORT)
                    .option("ack", "received").limit(4).check());
            int port = port();
            // the three shapes a client sends: an object, an array, objects one per line
            assertEquals(202, post(port, "/", "{\"id\":1}").statusCode());
            assertEquals(202, post(port, "/", "[{\"id\":2},{\"id\":3}]").statusCode());
            HttpResponse<String> lines = post(port, "/", "{\"id\":4,\"name\":\"Ada\"}\n");
            assertEquals("{\"accepted\":1}", lines.body());
            assertEquals(List.of(Row.of(Map.of("id", 1L)), Row.of(Map.of("id", 2L)), Row.of(Map.of("id", 3L)),
                    Row.of(Map.of("id", 4L, "name", "Ada"))), rows.get(30, TimeUnit.SECONDS));
        } finally {
            runner.shutdownNow();
        }
    }

    @Test
    void linesAndText_areTexts() throws Exception {
        ExecutorService runner = Executors.newSingleThreadExecutor();
        try {
            Future<List<Object>> lines = runner.submit(() -> NodeTypeKit.of(new HttpServerType()).option("address", ANY_PORT)
                    .option("format", "lines").option("path", "/logs").option("ack", "received").limit(3).check());
            assertEquals(202, post(port(), "/logs", "a\r\nb\nc").statusCode());
            assertEquals(List.of("a", "b", "c"), lines.get(30, TimeUnit.SECONDS));
        } finally {
            runner.shutdownNow();
        }
    }

    /** A running http.server whose rows go to {@code sink}, with the options given. */
    private Pipeline serve(Map<String, String> options, dev.sluice.Processor<Object, Object> slow, List<Object> sunk) {
        NodeTypeKit kit = NodeTypeKit.of(new HttpServerType()).option("address", ANY_PORT);
        options.forEach(kit::option);
        Pipeline p = Sluice.pipeline().name("ingest").build();
        p.generate("in", (Generator<Object>) new HttpServerType().create(kit.options()))
                .to(p.node("slow", slow, 64)).sink(sunk::add);
        return p.start();
    }

    @Test
    void tenThousandRequestsFromEightClients_everyAcceptedRowArrivesOnce_theRestGot429() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        CountDownLatch rejected = new CountDownLatch(1);
        List<Object> sunk = Collections.synchronizedList(new ArrayList<>());
        // a slow sink, shut at first: three requests of three rows fill the queue of ten, the rest must get 429
        Pipeline p = serve(Map.of("queue", "10", "path", "/ingest"), (Object row, Emitter<Object> out) -> {
            WhenOpen.await(gate);
            out.emit(Row.of(Map.of("id", Row.field(row, "id"), "digest", digest(String.valueOf(Row.field(row, "id"))))));
        }, sunk);
        int port = port();
        int clients = 8;
        int requests = 10_000;
        AtomicInteger next = new AtomicInteger();
        Map<Integer, List<String>> accepted = new ConcurrentHashMap<>();
        Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                done.add(threads.submit(() -> {
                    for (int r; (r = next.getAndIncrement()) < requests; ) {
                        List<String> ids = List.of(r + "-a", r + "-b", r + "-c");
                        String body = "{\"id\":\"" + ids.get(0) + "\"}\n{\"id\":\"" + ids.get(1) + "\"}\n{\"id\":\"" + ids.get(2) + "\"}\n";
                        HttpResponse<String> response = post(port, "/ingest", body);
                        statuses.merge(response.statusCode(), 1, Integer::sum);
                        if (response.statusCode() == 200) {
                            accepted.put(r, ids);
                        } else if (response.statusCode() == 429) {
                            rejected.countDown();
                        }
                    }
                    return null;
                }));
            }
            assertTrue(rejected.await(30, TimeUnit.SECONDS), "no request was refused while the sink was shut");
            gate.countDown();
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        p.stop();
        assertTrue(p.await(Duration.ofSeconds(30)));
        assertEquals(PipelineState.COMPLETED, p.state());
        assertEquals(Map.of(), statuses.entrySet().stream().filter(e -> e.getKey() != 200 && e.getKey() != 429)
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), "only 200 and 429");
        assertEquals(requests, statuses.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(statuses.getOrDefault(429, 0) >= clients - 3, "while shut, every client but three was refused: " + statuses);
        List<String> expected = accepted.values().stream().flatMap(List::stream).sorted().toList();
        List<String> arrived = sunk.stream().map(r -> (String) Row.field(r, "id")).sorted().toList();
        assertEquals(expected.size(), arrived.size(), "rows of accepted requests, each once; none of the refused");
        assertEquals(expected, arrived);
    }

    private static String digest(String text) {
        try {
            byte[] d = text.getBytes();
            for (int i = 0; i < 20; i++) {
                d = java.security.MessageDigest.getInstance("SHA-256").digest(d);
            }
            return java.util.HexFormat.of().formatHex(d, 0, 4);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void badRequests_getAClearStatusAndReason_andNothingOfThemArrives() throws Exception {
        List<Object> sunk = Collections.synchronizedList(new ArrayList<>());
        Map<String, String> options = new HashMap<>(Map.of("path", "/in", "queue", "5", "max-body", "200",
                "token", "s3cret"));
        Pipeline p = serve(options, (Object row, Emitter<Object> out) -> out.emit(row), sunk);
        try {
            int port = port();
            String auth = "Bearer s3cret";
            HttpResponse<String> noToken = post(port, "/in", "{\"id\":1}");
            assertEquals(401, noToken.statusCode());
            assertEquals(401, post(port, "/in", "{\"id\":1}", "Authorization", "Bearer wrong").statusCode());
            HttpResponse<String> badJson = post(port, "/in", "{\"id\":1}\n{\"id\":", "Authorization", auth);
            assertEquals(400, badJson.statusCode());
            assertTrue(badJson.body().contains("invalid JSON at line 2"), badJson.body());
            HttpResponse<String> notAnObject = post(port, "/in", "{\"id\":1}\n42\n", "Authorization", auth);
            assertEquals(400, notAnObject.statusCode());
            assertTrue(notAnObject.body().contains("line 2: a JSON object was expected, not a number"), notAnObject.body());
            assertEquals(413, post(port, "/in", "{\"id\":\"" + "x".repeat(300) + "\"}", "Authorization", auth).statusCode());
            HttpResponse<String> tooMany = post(port, "/in", "[{},{},{},{},{},{}]", "Authorization", auth);
            assertEquals(413, tooMany.statusCode());
            assertTrue(tooMany.body().contains("send smaller batches"), tooMany.body());
            assertEquals(404, post(port, "/other", "{}", "Authorization", auth).statusCode());
            HttpResponse<String> get = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/in"))
                    .header("Authorization", auth).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(405, get.statusCode());
            assertEquals(List.of(), sunk, "no part of a refused request entered the pipeline");
            HttpResponse<String> good = post(port, "/in", "{\"id\":7}", "Authorization", auth);
            assertEquals(200, good.statusCode());
            assertEquals(List.of(Row.of(Map.of("id", 7L))), sunk, "answered 200 once the sink had the row");
        } finally {
            p.stop();
            assertTrue(p.await(Duration.ofSeconds(30)));
        }
        assertEquals(PipelineState.COMPLETED, p.state());
    }

    @Test
    void twoNodesOnOneAddress_needTwoPaths_andAMissingAddressIsAClearError() {
        HttpServerType type = new HttpServerType();
        var bad = org.junit.jupiter.api.Assertions.assertThrows(dev.sluice.nodetype.InvalidOptionException.class,
                () -> type.check(NodeTypeKit.of(type).option("address", "localhost").options()));
        assertTrue(bad.getMessage().contains("is not HOST:PORT"), bad.getMessage());
        Ingest one = new Ingest("/a", "json", null, 10, 100, true, Duration.ofSeconds(1));
        Ingest two = new Ingest("/a", "json", null, 10, 100, true, Duration.ofSeconds(1));
        IngestServers.open(ANY_PORT, one);
        try {
            var clash = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> IngestServers.open(ANY_PORT, two));
            assertTrue(clash.getMessage().contains("two http.server nodes serve /a"), clash.getMessage());
        } finally {
            IngestServers.close(ANY_PORT, one);
        }
    }

    /** Latches that fail the test rather than hang it. */
    static final class WhenOpen {
        static void await(CountDownLatch latch) {
            try {
                if (!latch.await(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("latch never opened");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

}
