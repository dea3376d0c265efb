package dev.sluice.http.nodes;

import dev.sluice.Emitter;
import dev.sluice.Processor;
import dev.sluice.Row;
import dev.sluice.expression.Expression;
import dev.sluice.expression.ExpressionLanguage;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.ProcessorType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code http.lookup}: enriches each row with the answer to a request made from it (a templated
 * URL), several in flight at once, rows out in their input order. An answer that is JSON becomes
 * a row or value in the field; other answers are text. A request that fails after its retries goes
 * to the node's error policy (a dead letter names the URL and the status).
 */
public final class HttpLookupType extends AbstractNodeType implements ProcessorType {
    /** For the service loader. */
    public HttpLookupType() {
        super("http.lookup", "enriches each row with the answer to an HTTP request made from it (templated URL, retries)",
                specs());
    }

    private static OptionSpec[] specs() {
        List<OptionSpec> options = new ArrayList<>(Calls.OPTIONS);
        options.add(OptionSpec.optional("method", OptionType.STRING, "GET", "GET, POST, PUT, PATCH or DELETE")
                .matching("GET|POST|PUT|PATCH|DELETE", "GET, POST, PUT, PATCH or DELETE"));
        options.add(OptionSpec.optional("body", OptionType.STRING, null,
                "an expression giving the request's body (as JSON; text as it is); POST, PUT and PATCH send the row without it"));
        options.add(OptionSpec.optional("into", OptionType.STRING, "response", "the field that receives the answer"));
        options.add(OptionSpec.optional("not-found", OptionType.STRING, "null",
                "what a 404 does: null (the field is null), drop (the row) or fail (for on_error)")
                .matching("null|drop|fail", "null, drop or fail"));
        return options.toArray(OptionSpec[]::new);
    }

    @Override
    public void check(NodeOptions o) {
        Calls.url(o);
        Calls.headers(o);
        body(o);
    }

    private static Expression body(NodeOptions o) {
        return o.has("body") ? ExpressionLanguage.compileOption("body", null, o.string("body"),
                ExpressionLanguage.ResultType.VALUE) : null;
    }

    @Override
    public Processor<Object, ?> create(NodeOptions o) {
        Template url = Calls.url(o);
        Map<String, Template> headers = Calls.headers(o);
        Expression body = body(o);
        String method = o.string("method");
        boolean sendsRow = body == null && (method.equals("POST") || method.equals("PUT") || method.equals("PATCH"));
        String into = o.string("into");
        String notFound = o.string("not-found");
        return new InFlight<Object, Object>(o) {
            @Override
            public void process(Object item, Emitter<Object> out) throws InterruptedException {
                if (!(item instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException("http.lookup enriches rows, not " + Row.text(item));
                }
                byte[] payload = body != null ? Bodies.json(body.evaluate(item)) : sendsRow ? Bodies.json(item) : null;
                send(item, calls.request(method, url, headers, item, payload, "application/json"), out);
            }

            @Override
            void answered(Object item, Calls.Answer answer, Emitter<Object> out) {
                Object value = answer.body();
                if (answer.status() == 404) {
                    if (notFound.equals("drop")) {
                        return;
                    }
                    if (notFound.equals("fail")) {
                        failed(item, new Calls.CallFailed(method + " " + url + " found nothing (404)"));
                        return;
                    }
                    value = null;
                }
                Row row = new Row();
                ((Map<?, ?>) item).forEach((k, v) -> row.put(String.valueOf(k), v));
                row.put(into, value);
                out.emit(row);
            }

            @Override
            void failed(Object item, Throwable reason) {
                context.reject(item, reason);
            }
        };
    }

    @Override
    public Set<ItemType> consumes(NodeOptions o) {
        return Set.of(ItemType.ROW);
    }

    @Override
    public ItemType produces(NodeOptions o) {
        return ItemType.ROW;
    }
}
