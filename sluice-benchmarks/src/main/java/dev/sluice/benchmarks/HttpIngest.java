package dev.sluice.benchmarks;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.log.LogEntry;
import dev.sluice.log.StreamLog;
import dev.sluice.yaml.PipelineFile;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * HTTP ingest into the embedded log: a pipeline file's {@code http.server -> log.append}, each
 * request answered once its rows are durable, against the same written by hand on the JDK's
 * server (a handler that parses the JSON lines with Jackson and appends them to the log before
 * answering). Throughput: 4 client threads POSTing batches of 100 JSON lines, 400,000 rows; the
 * median of three runs. Latency: the 99th percentile of 2,000 single-row POSTs, one at a time.
 */
final class HttpIngest {
    private HttpIngest() {}

    static final int CLIENTS = 4;
    static final int BATCH = 100;
    static final int ROWS = 400_000;
    static final int RUNS = 3;
    static final int SINGLES = 2_000;

    static List<Compare.Result> compare() throws Exception {
        Path dir = Files.createTempDirectory("sluice-http");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
        List<Double> sluice = new ArrayList<>();
        List<Double> peer = new ArrayList<>();
        double[] p99 = new double[2];
        try (StreamLog log = StreamLog.open(dir.resolve("peer-log"))) {
            int sluicePort = freePort();
            Path file = dir.resolve("ingest.yaml");
            Files.writeString(file, """
                    nodes:
                      - {name: in, type: http.server, options: {address: "127.0.0.1:%d", path: /events}}
                      - {name: store, type: log.append, options: {stream: events, directory: "%s"}}
                    edges: [in -> store]
                    """.formatted(sluicePort, dir.resolve("log").toString().replace("\\", "/")));
            HttpServer bare = bareServer(log);
            URI sluiceUri = URI.create("http://127.0.0.1:" + sluicePort + "/events");
            URI peerUri = URI.create("http://127.0.0.1:" + bare.getAddress().getPort() + "/events");
            try (Pipeline p = PipelineFile.load(file, System::getenv).build(Sluice.pipeline())) {
                p.start();
                post(client, sluiceUri, rows(0, 1)); // waits until the server listens
                load(client, sluiceUri);
                load(client, peerUri);
                for (int r = 0; r < RUNS; r++) {
                    sluice.add(load(client, sluiceUri));
                    peer.add(load(client, peerUri));
                    System.out.printf(Locale.ROOT, "http ingest run %d, rows/s: http.server %.0f, JDK server by hand %.0f%n",
                            r + 1, sluice.getLast(), peer.getLast());
                }
                p99[0] = p99(client, sluiceUri);
                p99[1] = p99(client, peerUri);
                System.out.printf(Locale.ROOT, "http ingest, single-row POST p99 ms: http.server %.2f, by hand %.2f%n",
                        p99[0], p99[1]);
                p.stop();
                p.await();
            } finally {
                bare.stop(0);
            }
        } finally {
            client.shutdownNow();
            TempDirs.delete(dir);
        }
        double rate = ConsumeThroughput.median(sluice);
        return List.of(
                new Compare.Result("HTTP ingest to the log, 4 clients, batches of 100: http.server vs a JDK server by hand",
                        rate, ConsumeThroughput.median(peer), "rows/s", true, ">= 50000 rows/s", rate >= 50_000),
                new Compare.Result("HTTP ingest, one-row POST answered when durable, p99: http.server vs by hand",
                        p99[0], p99[1], "ms", false, "", null));
    }

    /** The peer: what a user would write for the same job on the JDK's server. */
    private static HttpServer bareServer(StreamLog log) throws IOException {
        ObjectMapper json = new ObjectMapper();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/events", exchange -> {
            try (exchange) {
                List<LogEntry> entries = new ArrayList<>();
                try (MappingIterator<Map<String, Object>> rows = json.readerFor(Map.class)
                        .readValues(exchange.getRequestBody().readAllBytes())) {
                    while (rows.hasNextValue()) {
                        entries.add(LogEntry.of(json.writeValueAsString(rows.nextValue())));
                    }
                }
                log.stream("events").appendAll(entries);
                byte[] answer = ("{\"accepted\":" + entries.size() + "}").getBytes(StandardCharsets.UTF_8);
                exchange.sendResponseHeaders(200, answer.length);
                exchange.getResponseBody().write(answer);
            }
        });
        server.start();
        return server;
    }

    /** Rows per second of {@link #ROWS} rows POSTed by {@link #CLIENTS} threads in batches; a 429 is sent again. */
    private static double load(HttpClient client, URI uri) throws Exception {
        AtomicInteger next = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
        long started = System.nanoTime();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(threads.submit(() -> {
                    for (int b; (b = next.getAndIncrement()) < ROWS / BATCH; ) {
                        String body = rows(b * BATCH, BATCH);
                        while (post(client, uri, body) == 429) {
                            Thread.onSpinWait();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            threads.shutdownNow();
        }
        return ROWS * 1e9 / (System.nanoTime() - started);
    }

    private static double p99(HttpClient client, URI uri) throws Exception {
        for (int i = 0; i < SINGLES / 4; i++) {
            post(client, uri, rows(i, 1));
        }
        long[] took = new long[SINGLES];
        for (int i = 0; i < SINGLES; i++) {
            long t = System.nanoTime();
            post(client, uri, rows(i, 1));
            took[i] = System.nanoTime() - t;
        }
        Arrays.sort(took);
        return took[(int) (SINGLES * 0.99)] / 1e6;
    }

    private static String rows(int from, int n) {
        StringBuilder s = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            s.append("{\"id\":").append(i).append(",\"user\":\"u").append(i % 97).append("\",\"kind\":\"click\",\"temp\":")
                    .append(i % 40).append(".5}\n");
        }
        return s.toString();
    }

    /** The status; a refused connection is tried again, while a server starts. */
    private static int post(HttpClient client, URI uri, String body) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() / 100 != 2 && r.statusCode() != 429) {
                    throw new IllegalStateException(uri + " answered " + r.statusCode());
                }
                return r.statusCode();
            } catch (ConnectException e) {
                if (attempt > 10_000) {
                    throw e;
                }
                Thread.sleep(1);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
