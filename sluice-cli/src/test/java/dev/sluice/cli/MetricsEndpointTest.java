package dev.sluice.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.Source;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP endpoint, read by the JDK's HTTP client over loopback. */
class MetricsEndpointTest {
    @Test
    void metricsAndHealth() throws Exception {
        Pipeline p = Sluice.pipeline().build();
        Source<Integer> source = p.source("in");
        source.map(x -> x * 2).named("double").sink(x -> {}).named("out");
        try (MetricsEndpoint endpoint = MetricsEndpoint.start(p, 0); HttpClient client = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + endpoint.port();
            assertEquals(503, get(client, base + "/health/ready").statusCode(), "not started yet");
            source.emitAll(List.of(1, 2, 3));
            HttpResponse<String> metrics = get(client, base + "/metrics");
            assertEquals(200, metrics.statusCode());
            assertTrue(metrics.body().contains("sluice_node_in_total{node=\"double\",kind=\"map\"} 3"), metrics.body());
            assertTrue(metrics.body().contains("# TYPE sluice_node_queue_depth gauge"), metrics.body());
            assertEquals(200, get(client, base + "/health/ready").statusCode());
            assertEquals(200, get(client, base + "/health/live").statusCode());
            source.complete();
            p.await();
            HttpResponse<String> done = get(client, base + "/health/ready");
            assertEquals(503, done.statusCode());
            assertEquals("completed\n", done.body());
        }
    }

    static HttpResponse<String> get(HttpClient client, String url) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
