package dev.sluice.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.kafka.testing.LocalKafka;
import dev.sluice.log.LogRecord;
import dev.sluice.log.StreamLog;
import java.net.URI;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every recipe of docs/cookbook.md, run as written from a copy of examples/cookbook (the recipes
 * write under out/), through the {@code sluice} command; the Kafka one against a broker the test
 * starts, stdin to stdout through a real shell pipe in {@link ShellPipeTest}'s way.
 */
class CookbookTest {
    @TempDir
    Path dir;

    @BeforeEach
    void copyTheCookbook() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("cookbook"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }

    /** What {@code sluice run} of a recipe prints on standard output; it must succeed. */
    private String run(String recipe, String... env) throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            Map<String, String> vars = new java.util.HashMap<>(System.getenv());
            for (int i = 0; i < env.length; i += 2) {
                vars.put(env[i], env[i + 1]);
            }
            var file = dev.sluice.yaml.PipelineFile.load(dir.resolve(recipe), vars::get);
            try (var p = file.build(dev.sluice.Sluice.pipeline())) {
                p.start();
                p.await();
                assertEquals(dev.sluice.PipelineState.COMPLETED, p.state(), recipe + ": " + p.failure());
            }
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private List<String> lines(String file) throws Exception {
        return Files.readAllLines(dir.resolve(file));
    }

    @Test
    void route_byContent_toThreeFiles_andBadLinesToADeadLetterFile() throws Exception {
        run("route.yaml");
        assertEquals(List.of("e2", "e4"), ids(lines("out/hot.jsonl")));
        assertEquals(List.of("e3"), ids(lines("out/cold.jsonl")));
        assertEquals(List.of("e1", "e1", "e5"), ids(lines("out/rest.jsonl")), "e5 has no temp: no case holds");
        assertEquals(List.of("parse\t" + dir.resolve("events.jsonl") + ":6: invalid JSON at column 1: Unrecognized token 'not': was expecting"
                + " (JSON String, Number, Array, Object or token 'null', 'true' or 'false')\tnot json at all"),
                lines("out/rejected.tsv"), "the reason with the line's place");
    }

    @Test
    void dedupe_dropsTheRepeatedEvent() throws Exception {
        assertEquals(List.of("e1", "e2", "e3", "e4", "e5"), ids(run("dedupe.yaml").lines().toList()));
    }

    @Test
    void counts_perUserPerMinute_asRows() throws Exception {
        assertEquals(List.of(
                "{\"key\":\"u1\",\"start\":\"2026-11-27T10:00:00Z\",\"end\":\"2026-11-27T10:01:00Z\",\"events\":2,\"kinds\":[\"click\",\"view\"]}",
                "{\"key\":\"u2\",\"start\":\"2026-11-27T10:00:00Z\",\"end\":\"2026-11-27T10:01:00Z\",\"events\":1,\"kinds\":[\"view\"]}",
                "{\"key\":\"u2\",\"start\":\"2026-11-27T10:01:00Z\",\"end\":\"2026-11-27T10:02:00Z\",\"events\":1,\"kinds\":[\"click\"]}",
                "{\"key\":\"u3\",\"start\":\"2026-11-27T10:01:00Z\",\"end\":\"2026-11-27T10:02:00Z\",\"events\":1,\"kinds\":[\"click\"]}"),
                run("counts.yaml").lines().sorted().toList());
    }

    @Test
    void enrich_fromTheCacheTheFirstRecipeFilled() throws Exception {
        run("cache-load.yaml");
        assertEquals(List.of(
                "{\"id\":\"e1\",\"user\":\"Ada\",\"kind\":\"click\"}",
                "{\"id\":\"e2\",\"user\":\"Grace\",\"kind\":\"view\"}",
                "{\"id\":\"e1\",\"user\":\"Ada\",\"kind\":\"click\"}",
                "{\"id\":\"e3\",\"user\":\"Ada\",\"kind\":\"view\"}",
                "{\"id\":\"e4\",\"user\":\"unknown\",\"kind\":\"click\"}",
                "{\"id\":\"e5\",\"user\":\"Grace\",\"kind\":\"click\"}"), run("enrich.yaml").lines().toList());
    }

    @Test
    void csvToKafka_typedRowsKeyedByName_onABrokerTheTestStarts() throws Exception {
        try (LocalKafka kafka = LocalKafka.start()) {
            run("csv-to-kafka.yaml", "KAFKA", kafka.bootstrap());
            Properties props = new Properties();
            props.put("bootstrap.servers", kafka.bootstrap());
            props.put("group.id", "cookbook-check");
            props.put("auto.offset.reset", "earliest");
            List<String> got = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new StringDeserializer())) {
                consumer.subscribe(List.of("people"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (got.size() < 3 && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        got.add(r.key() + " " + r.value());
                    }
                }
            }
            assertEquals(List.of(
                    "Ada Lovelace {\"name\":\"Ada Lovelace\",\"city\":\"London\",\"born\":1815}",
                    "Grace Hopper {\"name\":\"Grace Hopper\",\"city\":\"New York\",\"born\":1906}",
                    "Hamilton, Margaret {\"name\":\"Hamilton, Margaret\",\"city\":\"Paoli\",\"born\":1936}"),
                    got.stream().sorted().toList(), "numbers stay numbers; the key is the name");
        }
    }

    @Test
    void httpIngest_answers200OnceTheRowsAreInTheLog_and400ForABadBody() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        var file = dev.sluice.yaml.PipelineFile.load(dir.resolve("http-ingest.yaml"),
                Map.of("INGEST_ADDRESS", "127.0.0.1:" + port)::get);
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        try (var p = file.build(dev.sluice.Sluice.pipeline())) {
            p.start();
            URI events = URI.create("http://127.0.0.1:" + port + "/events");
            var ok = postWhenUp(client, events, "{\"user\": \"u1\", \"kind\": \"click\"}\n{\"user\": \"u2\", \"kind\": \"view\"}\n");
            assertEquals(200, ok.statusCode(), ok.body());
            assertEquals("{\"accepted\":2}", ok.body());
            try (StreamLog log = StreamLog.open(dir.resolve("out/log"))) {
                List<String> stored = log.stream("events").read(1, 10).stream().map(LogRecord::text).toList();
                assertEquals(2, stored.size(), "in the log when the client heard 200: " + stored);
                assertTrue(stored.get(0).matches("\\{\"user\":\"u1\",\"kind\":\"click\",\"received\":\"20\\d\\d-.*Z\"}"),
                        stored.get(0));
            }
            var bad = client.send(java.net.http.HttpRequest.newBuilder(events)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"user\": ")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(400, bad.statusCode());
            assertTrue(bad.body().contains("invalid JSON at line 1"), bad.body());
            p.stop();
            p.await();
            assertEquals(dev.sluice.PipelineState.COMPLETED, p.state());
        } finally {
            client.shutdownNow();
        }
    }

    /** A producer's first POST: it tries again while the pipeline is still starting (connection refused). */
    private static java.net.http.HttpResponse<String> postWhenUp(java.net.http.HttpClient client, URI uri, String body)
            throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return client.send(java.net.http.HttpRequest.newBuilder(uri)
                        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (java.net.ConnectException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void httpLookup_enrichesEachEvent_andAFailingLookupGoesToTheDeadLetterFile() throws Exception {
        com.sun.net.httpserver.HttpServer users = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 16);
        users.createContext("/users/", exchange -> {
            try (exchange) {
                String user = exchange.getRequestURI().getPath().substring("/users/".length());
                String name = Map.of("u1", "Ada", "u2", "Grace").get(user);
                byte[] body = name == null ? "profile store down".getBytes(StandardCharsets.UTF_8)
                        : ("{\"name\": \"" + name + "\"}").getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", name == null ? "text/plain" : "application/json");
                exchange.sendResponseHeaders(name == null ? 503 : 200, body.length);
                exchange.getResponseBody().write(body);
            }
        });
        users.start();
        try {
            String out = run("http-lookup.yaml", "USERS", "http://127.0.0.1:" + users.getAddress().getPort());
            assertEquals(List.of(
                    "{\"id\":\"e1\",\"kind\":\"click\",\"name\":\"Ada\"}",
                    "{\"id\":\"e2\",\"kind\":\"view\",\"name\":\"Grace\"}",
                    "{\"id\":\"e3\",\"kind\":\"view\",\"name\":\"Ada\"}",
                    "{\"id\":\"e5\",\"kind\":\"click\",\"name\":\"Grace\"}"), out.lines().toList(), "in input order");
            List<String> failed = lines("out/lookup-failed.tsv");
            assertEquals(1, failed.size(), String.join("\n", failed));
            assertTrue(failed.get(0).startsWith("user\tGET http://127.0.0.1:" + users.getAddress().getPort()
                    + "/users/u3 answered 503: profile store down (after 4 attempts)\t"), failed.get(0));
        } finally {
            users.stop(0);
        }
    }

    @Test
    void computedFields_isTheRecipeOfExamplesPipelines() throws Exception {
        assertTrue(Files.exists(Path.of("pipelines", "computed.yaml")), "docs/cookbook.md points at it");
    }

    private static List<String> ids(List<String> jsonLines) {
        return jsonLines.stream().map(l -> l.replaceAll(".*\"id\":\"(e\\d)\".*", "$1")).toList();
    }
}
