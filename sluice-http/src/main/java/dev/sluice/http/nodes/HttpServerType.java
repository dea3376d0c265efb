package dev.sluice.http.nodes;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.Delivery;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.SourceType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code http.server}: a source that producers in any language POST rows to ({@code curl -d}),
 * with backpressure. A request is answered 200 once its rows have been processed by every sink
 * below (so a client that got 200 can forget them), 429 with {@code Retry-After} when the node's
 * queue is full, 503 while the pipeline stops. Loopback by default; a bearer token on request.
 */
public final class HttpServerType extends AbstractNodeType implements SourceType {
    /** Rows emitted before the node asks for one acknowledgement: a marker per group, not per request. */
    private static final int GROUP = 4096;

    /** For the service loader. */
    public HttpServerType() {
        super("http.server", "takes rows POSTed to a path (JSON, JSON lines or text) and answers once they are processed",
                OptionSpec.optional("address", OptionType.STRING, "127.0.0.1:8080",
                        "HOST:PORT to listen on; loopback by default, 0.0.0.0:PORT for every interface"),
                OptionSpec.optional("path", OptionType.STRING, "/", "the path clients POST to; nodes on one address need different paths")
                        .matching("/.*", "a path starting with /"),
                OptionSpec.optional("format", OptionType.STRING, "json",
                        "json (an object, an array of objects or one object per line: rows), lines (each line a text),"
                                + " text (the whole body one text)")
                        .matching("json|lines|text", "json, lines or text"),
                OptionSpec.optional("queue", OptionType.INT, "10000",
                        "rows accepted and not yet processed, at most; a request that does not fit gets 429")
                        .between(1, 10_000_000),
                OptionSpec.optional("max-body", OptionType.INT, "10485760", "the largest body, in bytes (413 beyond)")
                        .between(1, Integer.MAX_VALUE - 16),
                OptionSpec.optional("ack", OptionType.STRING, "processed",
                        "when a request is answered: processed (200 once every sink has its rows) or received (202 once queued)")
                        .matching("processed|received", "processed or received"),
                OptionSpec.optional("timeout", OptionType.DURATION, "30s",
                        "how long a request waits for its rows to be processed before 503"),
                OptionSpec.optional("token", OptionType.STRING, null,
                        "a token requests must send as 'Authorization: Bearer TOKEN'; write ${INGEST_TOKEN} or"
                                + " ${file:/run/secrets/token} rather than the token itself"));
    }

    @Override
    public void check(NodeOptions o) {
        String invalid = IngestServers.invalid(o.string("address"));
        if (invalid != null) {
            throw new dev.sluice.nodetype.InvalidOptionException("address", null, -1, invalid);
        }
        if (o.has("token") && o.string("token").isBlank()) {
            throw new dev.sluice.nodetype.InvalidOptionException("token", null, -1, "the token is empty");
        }
    }

    /** One path of one address takes one node's requests; port 0 (any free port) claims nothing. */
    @Override
    public String exclusive(NodeOptions o) {
        String address = o.string("address");
        return address.endsWith(":0") ? null : "HTTP " + address + o.string("path");
    }

    /** With {@code ack: processed}, a client resends what was not answered 200: nothing acknowledged is lost. */
    @Override
    public Delivery delivery(NodeOptions o) {
        return o.string("ack").equals("processed") ? Delivery.AT_LEAST_ONCE : Delivery.NONE;
    }

    @Override
    public Generator<Object> create(NodeOptions o) {
        check(o);
        String address = o.string("address");
        String token = o.has("token") ? o.string("token").strip() : null;
        Ingest ingest = new Ingest(o.string("path"), o.string("format"), token, (int) o.integer("queue"),
                o.integer("max-body"), o.string("ack").equals("processed"), o.duration("timeout"));
        return new Generator<>() {
            @Override
            public void generate(NodeContext ctx, Emitter<Object> out) throws InterruptedException {
                IngestServers.open(address, ingest);
                try {
                    serve(ctx, out, ingest);
                } finally {
                    ingest.close();
                }
            }

            @Override
            public void onStop() {
                // what was emitted but never acknowledged (the pipeline was cancelled or failed) gets 503
                ingest.abandon();
                IngestServers.close(address, ingest);
            }
        };
    }

    /**
     * Emits the rows of the requests in arrival order and acknowledges them in groups. A marker
     * goes out when no request is waiting and no earlier marker is still on its way (or when a
     * group is large): while the sinks flush one group, the next one gathers, the way a log's group
     * commit works. At a low rate every request gets its own marker at once; under load one flush
     * answers many requests, instead of each waiting for a flush of its own.
     */
    private static void serve(NodeContext ctx, Emitter<Object> out, Ingest ingest) throws InterruptedException {
        List<Ingest.Request> group = new ArrayList<>();
        int rows = 0;
        AtomicInteger markers = new AtomicInteger(); // on their way through the pipeline
        while (ctx.active()) {
            boolean mayMark = rows > 0 && markers.get() == 0;
            Ingest.Request request = mayMark ? ingest.requests.poll() : ingest.requests.poll(100, TimeUnit.MILLISECONDS);
            boolean idle = request == null || request == Ingest.WAKE;
            if (!idle) {
                ingest.take(request);
                for (Object item : request.items()) {
                    out.emit(item);
                }
                if (ingest.acksProcessed()) {
                    group.add(request);
                } else {
                    ingest.processed(request);
                }
                rows += request.items().size();
            }
            if (rows > 0 && (rows >= GROUP || idle && markers.get() == 0)) {
                List<Ingest.Request> done = List.copyOf(group);
                markers.incrementAndGet();
                ctx.whenProcessed(() -> {
                    done.forEach(ingest::processed);
                    markers.decrementAndGet();
                    ingest.requests.add(Ingest.WAKE); // the next group may go: wake the loop if it waits
                });
                group.clear();
                rows = 0;
            }
            if (idle && ctx.checkpointing()) {
                ctx.checkpoint(null); // a due barrier goes out while the producers are quiet too
            }
        }
        if (!group.isEmpty()) {
            // a graceful stop drains the pipeline: these are answered 200 then, or 503 by onStop if it is cancelled
            List<Ingest.Request> done = List.copyOf(group);
            ctx.whenProcessed(() -> done.forEach(ingest::processed));
        }
    }

    @Override
    public ItemType produces(NodeOptions o) {
        return o.string("format").equals("json") ? ItemType.ROW : ItemType.TEXT;
    }
}
