package dev.sluice.http.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.DeadLetter;
import dev.sluice.ErrorPolicy;
import dev.sluice.Pipeline;
import dev.sluice.PipelineState;
import dev.sluice.Processor;
import dev.sluice.Row;
import dev.sluice.Sluice;
import dev.sluice.nodetype.InvalidOptionException;
import dev.sluice.test.NodeTypeKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** http.lookup against a real server on loopback that answers, fails, delays and recovers. */
class HttpLookupTypeTest {
    private static Row row(Object... fieldsAndValues) {
        Row row = new Row();
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            row.put((String) fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return row;
    }

    @Test
    void keepsTheNodeTypeContract_andEnrichesRowsInOrder() throws Exception {
        try (ScriptedServer server = new ScriptedServer(r -> ScriptedServer.Answer.json(200,
                "{\"name\":\"user " + r.path().substring("/users/".length()) + "\"}"))) {
            List<Object> rows = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                rows.add(row("id", "u" + i));
            }
            List<Object> out = NodeTypeKit.of(new HttpLookupType()).option("url", server.url("/users/{row.id}"))
                    .option("into", "user").option("concurrency", "8").input(rows.toArray()).check();
            assertEquals(40, out.size());
            for (int i = 0; i < 40; i++) {
                assertEquals(row("id", "u" + i, "user", row("name", "user u" + i)), out.get(i), "in input order");
            }
        }
    }

    @Test
    void urlValuesAreEncoded_headersAreFilledIn_andPostSendsTheRow() throws Exception {
        try (ScriptedServer server = new ScriptedServer(r -> new ScriptedServer.Answer(200, "text/plain",
                r.method() + " " + r.path() + "?" + r.query() + " " + r.headers().get("X-tenant") + " " + r.body()))) {
            List<Object> out = NodeTypeKit.of(new HttpLookupType()).option("url", server.url("/q/{row.name}?n={row.n + 1}"))
                    .option("method", "POST").option("headers", Map.of("X-Tenant", "t-{row.n}"))
                    .input(row("name", "Ada Lovelace/1", "n", 1L)).check();
            assertEquals("POST /q/Ada Lovelace/1?n=2 [t-1] {\"name\":\"Ada Lovelace/1\",\"n\":1}",
                    Row.field(out.get(0), "response"), "the name stayed one path segment");
            assertTrue(server.received.get(0).path().equals("/q/Ada Lovelace/1"));
        }
    }

    @Test
    void failuresAreRetried_untilTheServerRecovers_andWhatNeverSucceedsIsDeadLettered() throws Exception {
        CountDownLatch slowMayAnswer = new CountDownLatch(1);
        try (ScriptedServer server = new ScriptedServer(r -> switch (r.path()) {
            case "/flaky" -> r.attempt() <= 2 ? ScriptedServer.Answer.json(503, "{\"error\":\"busy\"}")
                    : ScriptedServer.Answer.json(200, "{\"ok\":true}");
            case "/slow" -> {
                if (r.attempt() == 1) { // the first attempt outlives the timeout; the retry is answered at once
                    slowMayAnswer.await(30, TimeUnit.SECONDS);
                }
                yield ScriptedServer.Answer.json(200, "{\"ok\":\"late\"}");
            }
            case "/broken" -> new ScriptedServer.Answer(500, "text/plain", "database down");
            case "/bad" -> new ScriptedServer.Answer(400, "text/plain", "no such field: x");
            case "/gone" -> new ScriptedServer.Answer(404, "text/plain", "");
            default -> ScriptedServer.Answer.json(200, "42");
        })) {
            List<Object> out = Collections.synchronizedList(new ArrayList<>());
            List<DeadLetter> dead = Collections.synchronizedList(new ArrayList<>());
            NodeTypeKit kit = NodeTypeKit.of(new HttpLookupType()).option("url", server.url("/{row.p}"))
                    .option("timeout", "300ms").option("retries", "3").option("backoff", "10ms").option("concurrency", "3");
            Pipeline p = Sluice.pipeline().build();
            p.fromIterable("rows", List.<Object>of(row("p", "flaky"), row("p", "broken"), row("p", "slow"), row("p", "bad"),
                            row("p", "gone"), row("p", "fine")))
                    .to(p.node("lookup", (Processor<Object, Object>) new HttpLookupType().create(kit.options())))
                    .errorPolicy(ErrorPolicy.deadLetter(dead::add)).sink(out::add);
            p.start();
            assertTrue(p.await(Duration.ofSeconds(30)));
            slowMayAnswer.countDown();
            assertEquals(PipelineState.COMPLETED, p.state());
            assertEquals(List.of(row("p", "flaky", "response", row("ok", true)), row("p", "slow", "response", row("ok", "late")),
                    row("p", "gone", "response", null), row("p", "fine", "response", 42L)), out);
            assertEquals(3, server.attempts("/flaky"), "two 503s, then an answer");
            assertEquals(4, server.attempts("/broken"), "the first attempt and three retries");
            assertEquals(2, server.attempts("/slow"), "a timeout, then an answer");
            assertEquals(1, server.attempts("/bad"), "a 400 is not retried: the request itself is wrong");
            assertEquals(2, dead.size());
            assertEquals(row("p", "broken"), dead.get(0).item());
            assertEquals("GET " + server.url("/broken") + " answered 500: database down (after 4 attempts)",
                    dead.get(0).reason());
            assertEquals(row("p", "bad"), dead.get(1).item());
            assertEquals("GET " + server.url("/bad") + " answered 400: no such field: x", dead.get(1).reason());
        }
    }

    @Test
    void anUnreachableServer_failsTheRowAfterItsRetries_namingTheAddress() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        Throwable failed = assertThrows(Throwable.class, () -> NodeTypeKit.of(new HttpLookupType())
                .option("url", "http://127.0.0.1:" + closedPort + "/x").option("retries", "1").option("backoff", "1ms")
                .input(row("a", 1L)).run());
        assertTrue(failed.getMessage().contains("could not connect to 127.0.0.1:" + closedPort + " (after 2 attempts)"),
                failed.getMessage());
    }

    @Test
    void aBadTemplate_isRefusedAtValidation_pointingIntoTheUrl() {
        HttpLookupType type = new HttpLookupType();
        InvalidOptionException bad = assertThrows(InvalidOptionException.class,
                () -> type.check(NodeTypeKit.of(type).option("url", "http://h/users/{row.id +}").options()));
        assertEquals("url", bad.option());
        assertTrue(bad.offset() >= "http://h/users/{".length(), "inside the braces: " + bad.offset());
        InvalidOptionException open = assertThrows(InvalidOptionException.class,
                () -> type.check(NodeTypeKit.of(type).option("url", "http://h/users/{row.id").options()));
        assertTrue(open.getMessage().contains("has no }"), open.getMessage());
        InvalidOptionException scheme = assertThrows(InvalidOptionException.class,
                () -> type.check(NodeTypeKit.of(type).option("url", "ftp://h/x").options()));
        assertTrue(scheme.getMessage().contains("not an http:// or https:// URL"), scheme.getMessage());
    }
}
