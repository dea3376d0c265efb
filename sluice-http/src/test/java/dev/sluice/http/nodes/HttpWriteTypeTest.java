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
import org.junit.jupiter.api.Test;

/** http.write against a real server on loopback. */
class HttpWriteTypeTest {
    @Test
    void keepsTheNodeTypeContract_andPostsEachItem() throws Exception {
        try (ScriptedServer server = new ScriptedServer(r -> new ScriptedServer.Answer(204, "text/plain", ""))) {
            NodeTypeKit.of(new HttpWriteType()).option("url", server.url("/events/{row.kind}"))
                    .input(Row.of(Map.of("kind", "click")), Row.of(Map.of("kind", "view"))).check();
            assertEquals(List.of("/events/click", "/events/view"),
                    server.received.stream().map(ScriptedServer.Request::path).sorted().toList());
            assertEquals("{\"kind\":\"click\"}", server.received.stream()
                    .filter(r -> r.path().endsWith("click")).findFirst().orElseThrow().body());
        }
    }

    @Test
    void batches_areJsonArraysOrLines_andAPartialBatchGoesAtTheFlush() throws Exception {
        try (ScriptedServer server = new ScriptedServer(r -> ScriptedServer.Answer.json(200, "{}"))) {
            NodeTypeKit.of(new HttpWriteType()).option("url", server.url("/bulk")).option("batch", "2").option("concurrency", "1")
                    .input(Row.of(Map.of("n", 1)), Row.of(Map.of("n", 2)), Row.of(Map.of("n", 3))).check();
            assertEquals(List.of("[{\"n\":1},{\"n\":2}]", "[{\"n\":3}]"),
                    server.received.stream().map(ScriptedServer.Request::body).toList());
        }
        try (ScriptedServer server = new ScriptedServer(r -> ScriptedServer.Answer.json(200, "{}"))) {
            NodeTypeKit.of(new HttpWriteType()).option("url", server.url("/bulk")).option("batch", "3")
                    .option("format", "lines").input("plain text", Row.of(Map.of("n", 2))).check();
            assertEquals(List.of("plain text\n{\"n\":2}\n"), server.received.stream().map(ScriptedServer.Request::body).toList());
            assertEquals(List.of("application/x-ndjson"), server.received.get(0).headers().get("Content-type"));
        }
    }

    @Test
    void aServerThatRecovers_getsEveryItem_andABatchThatFailsForGood_deadLettersEachOfItsItems() throws Exception {
        try (ScriptedServer server = new ScriptedServer(r -> {
            if (r.body().contains("poison")) {
                return new ScriptedServer.Answer(422, "text/plain", "cannot take poison");
            }
            return r.attempt() % 3 == 1 ? new ScriptedServer.Answer(503, "text/plain", "")
                    : ScriptedServer.Answer.json(200, "{}");
        })) {
            List<DeadLetter> dead = Collections.synchronizedList(new ArrayList<>());
            NodeTypeKit kit = NodeTypeKit.of(new HttpWriteType()).option("url", server.url("/in")).option("batch", "2")
                    .option("concurrency", "1").option("backoff", "5ms");
            Pipeline p = Sluice.pipeline().build();
            p.fromIterable("rows", List.<Object>of("a", "b", "poison", "c", "d", "e"))
                    .to(p.node("out", (Processor<Object, Object>) (Processor<?, ?>) new HttpWriteType().create(kit.options())))
                    .errorPolicy(ErrorPolicy.deadLetter(dead::add)).sink(x -> {});
            p.start();
            assertTrue(p.await(Duration.ofSeconds(30)));
            assertEquals(PipelineState.COMPLETED, p.state());
            List<String> delivered = server.received.stream().filter(r -> !r.body().contains("poison"))
                    .filter(r -> r.attempt() % 3 != 1).map(ScriptedServer.Request::body).toList();
            assertEquals(List.of("[\"a\",\"b\"]", "[\"d\",\"e\"]"), delivered, "each batch once it was answered 200");
            assertEquals(List.of("poison", "c"), dead.stream().map(DeadLetter::item).toList(), "both items of the failed batch");
            assertEquals("POST " + server.url("/in") + " answered 422: cannot take poison", dead.get(0).reason());
        }
    }

    @Test
    void aBatchFromABatchNode_isOneRequest() throws Exception {
        try (ScriptedServer server = new ScriptedServer(r -> ScriptedServer.Answer.json(200, "{}"))) {
            NodeTypeKit.of(new HttpWriteType()).option("url", server.url("/bulk")).option("concurrency", "1")
                    .input(List.of(Row.of(Map.of("n", 1)), Row.of(Map.of("n", 2))), "alone").check();
            assertEquals(List.of("[{\"n\":1},{\"n\":2}]", "alone"),
                    server.received.stream().map(ScriptedServer.Request::body).toList());
        }
    }

    @Test
    void aBatchNeedsOneUrl() {
        HttpWriteType type = new HttpWriteType();
        InvalidOptionException bad = assertThrows(InvalidOptionException.class, () -> type.check(
                NodeTypeKit.of(type).option("url", "http://h/{row.kind}").option("batch", "10").options()));
        assertEquals("batch", bad.option());
    }
}
