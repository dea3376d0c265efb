package dev.sluice.http.nodes;

import dev.sluice.Emitter;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.Delivery;
import dev.sluice.nodetype.InvalidOptionException;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.SinkType;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code http.write}: sends items to an HTTP endpoint, one per request or in batches (a JSON
 * array, or JSON lines), with retries. The source upstream hears its items were processed only
 * when the server has answered 2xx for them: at least once. An item whose request failed for good
 * goes to the node's error policy with the reason.
 */
public final class HttpWriteType extends AbstractNodeType implements SinkType {
    /** For the service loader. */
    public HttpWriteType() {
        super("http.write", "sends each item, or batches of them, to an HTTP endpoint (POST by default), with retries",
                specs());
    }

    private static OptionSpec[] specs() {
        List<OptionSpec> options = new ArrayList<>(Calls.OPTIONS);
        options.add(OptionSpec.optional("method", OptionType.STRING, "POST", "POST, PUT or PATCH")
                .matching("POST|PUT|PATCH", "POST, PUT or PATCH"));
        options.add(OptionSpec.optional("batch", OptionType.INT, "1",
                "items per request; more than one needs a URL without expressions (a batch from a batch node is always one request)").between(1, 100_000));
        options.add(OptionSpec.optional("format", OptionType.STRING, "json",
                "a batch's body: json (an array) or lines (one item per line: rows as JSON, text as it is)")
                .matching("json|lines", "json or lines"));
        return options.toArray(OptionSpec[]::new);
    }

    @Override
    public void check(NodeOptions o) {
        url(o);
        Calls.headers(o);
    }

    /** The URL's template, which a batch above one item needs without expressions. */
    private static Template url(NodeOptions o) {
        Template url = Calls.url(o);
        if (o.integer("batch") > 1 && !url.constant()) {
            throw new InvalidOptionException("batch", null, -1,
                    "a batch goes to one URL: with batch above 1 the url cannot hold {expressions}");
        }
        return url;
    }

    @Override
    public Delivery delivery(NodeOptions o) {
        return Delivery.AT_LEAST_ONCE;
    }

    @Override
    public dev.sluice.Processor<Object, Void> create(NodeOptions o) {
        Template url = url(o);
        Map<String, Template> headers = Calls.headers(o);
        String method = o.string("method");
        int batch = (int) o.integer("batch");
        boolean lines = o.string("format").equals("lines");
        return new InFlight<List<Object>, Void>(o) {
            private final List<Object> batched = new ArrayList<>();

            @Override
            public void process(Object item, Emitter<Void> out) throws InterruptedException {
                if (item instanceof List<?> list) {
                    // a batch from a batch node: one request, and on failure one dead letter of it all
                    if (!batched.isEmpty()) {
                        sendBatch(out);
                    }
                    send(List.of(item), calls.request(method, url, headers, item, body(list), type()), out);
                    return;
                }
                batched.add(item);
                if (batched.size() >= batch) {
                    sendBatch(out);
                }
            }

            private void sendBatch(Emitter<Void> out) throws InterruptedException {
                List<Object> items = List.copyOf(batched);
                batched.clear();
                Object first = items.get(0);
                if (batch == 1) {
                    send(items, calls.request(method, url, headers, first, Bodies.json(first),
                            first instanceof String ? "text/plain; charset=utf-8" : "application/json"), out);
                } else {
                    send(items, calls.request(method, url, headers, first, body(items), type()), out);
                }
            }

            private byte[] body(List<?> items) {
                if (!lines) {
                    return Bodies.json(items);
                }
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                for (Object item : items) {
                    b.writeBytes(Bodies.json(item));
                    b.write('\n');
                }
                return b.toByteArray();
            }

            private String type() {
                return lines ? "application/x-ndjson" : "application/json";
            }

            @Override
            public void flush(Emitter<Void> out) throws Exception {
                if (!batched.isEmpty()) {
                    sendBatch(out);
                }
                super.flush(out);
            }

            @Override
            void answered(List<Object> items, Calls.Answer answer, Emitter<Void> out) {
                if (answer.status() == 404) {
                    failed(items, new Calls.CallFailed(method + " " + url + " answered 404: no such endpoint"));
                }
            }

            @Override
            void failed(List<Object> items, Throwable reason) {
                for (Object item : items) {
                    context.reject(item, reason);
                }
            }
        };
    }

    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return Set.of(ItemType.TEXT, ItemType.LINE, ItemType.ROW, ItemType.BYTES, ItemType.BATCH);
    }
}
