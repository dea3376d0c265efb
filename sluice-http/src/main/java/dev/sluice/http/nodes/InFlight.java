package dev.sluice.http.nodes;

import dev.sluice.Emitter;
import dev.sluice.NodeContext;
import dev.sluice.Processor;
import dev.sluice.nodetype.NodeOptions;
import java.net.http.HttpRequest;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The requests a node has in flight, answered in the order they were sent: {@code concurrency}
 * at most, and none left at a flush, so the source upstream hears its items were processed only
 * once every request for them has been answered. Waiting happens on the node's own thread, which
 * is where its outputs must be emitted.
 *
 * @param <S> what a request was made for: a row, or a batch of items
 * @param <O> what the node emits
 */
abstract class InFlight<S, O> implements Processor<Object, O> {
    private record Pending<S>(S subject, Future<Calls.Answer> answer) {}

    private final ArrayDeque<Pending<S>> pending = new ArrayDeque<>();
    private final NodeOptions options;
    private final int concurrency;
    /** The node's context, for {@link NodeContext#reject}. */
    NodeContext context;
    /** The node's client, from start to stop. */
    Calls calls;

    InFlight(NodeOptions options) {
        this.options = options;
        this.concurrency = (int) options.integer("concurrency");
    }

    @Override
    public void onStart(NodeContext context) {
        this.context = context;
        this.calls = new Calls(options, context.clock());
    }

    /** Sends {@code request} for {@code subject}, first waiting for the oldest answers while too many are in flight. */
    final void send(S subject, HttpRequest request, Emitter<O> out) throws InterruptedException {
        pending.add(new Pending<>(subject, calls.submit(request)));
        while (pending.size() >= concurrency) {
            complete(pending.poll(), out);
        }
    }

    /** Every request in flight is answered before the source upstream hears its items were processed. */
    @Override
    public void flush(Emitter<O> out) throws Exception {
        while (!pending.isEmpty()) {
            complete(pending.poll(), out);
        }
    }

    @Override
    public void onComplete(Emitter<O> out) throws Exception {
        flush(out);
    }

    private void complete(Pending<S> p, Emitter<O> out) throws InterruptedException {
        Calls.Answer answer;
        try {
            answer = p.answer.get();
        } catch (ExecutionException e) {
            failed(p.subject, e.getCause());
            return;
        }
        answered(p.subject, answer, out);
    }

    /** The request for {@code subject} was answered 2xx or 404. */
    abstract void answered(S subject, Calls.Answer answer, Emitter<O> out);

    /** The request for {@code subject} failed for good: its items go to the node's error policy. */
    abstract void failed(S subject, Throwable reason);

    @Override
    public void onStop() {
        if (calls != null) {
            calls.close();
        }
    }
}
