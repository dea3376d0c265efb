package dev.sluice.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sluice.Codec;
import dev.sluice.ErrorPolicy;
import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.rocksdb.Cache;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Keyed state of a pipeline node in the RocksDB cache, committed before the source acknowledges. */
class StateNodeTest {
    @TempDir
    Path dir;

    static final StateNode.Handler<String, String, Long, String> COUNT = (page, state, out) -> {
        if (page.equals("poison")) {
            state.put("poisoned", 1L); // must not survive the failure below
            throw new IllegalArgumentException("cannot count poison");
        }
        long n = state.update(page, c -> c == null ? 1 : c + 1);
        out.emit(page + "=" + n);
    };

    @Test
    void stateIsCommittedBeforeTheSourceHearsItsItemsWereProcessed_andAFailedItemLeavesNoWrite() throws Exception {
        try (Cache<String, Long> cache = Cache.open(dir.resolve("state"), Codec.utf8(), Codec.longKey())) {
            List<String> out = Collections.synchronizedList(new ArrayList<>());
            AtomicReference<Optional<Long>> atAcknowledgement = new AtomicReference<>();
            Pipeline p = Sluice.pipeline().build();
            p.<String>generate("views", (ctx, emit) -> {
                for (String page : List.of("home", "cart", "home", "poison", "home")) {
                    emit.emit(page);
                }
                // where a Kafka or log source acknowledges: the state must be in RocksDB by then
                ctx.whenProcessed(() -> atAcknowledgement.set(cache.get("home")));
            }).to(p.node("count", StateNode.of(cache, COUNT), 16)).errorPolicy(ErrorPolicy.skip()).sink(out::add);
            p.start();
            p.await();
            assertEquals(Optional.of(3L), atAcknowledgement.get(), "committed by the node's flush");
            assertEquals(List.of("home=1", "cart=1", "home=2", "home=3"), out);
            assertEquals(Optional.of(1L), cache.get("cart"));
            assertEquals(Optional.empty(), cache.get("poisoned"), "the failed item's write was dropped");
        }
    }

    @Test
    void stateOutlivesThePipeline_andANewOneGoesOnFromIt() throws Exception {
        try (Cache<String, Long> cache = Cache.open(dir.resolve("state"), Codec.utf8(), Codec.longKey())) {
            for (int run = 1; run <= 2; run++) {
                List<String> out = Collections.synchronizedList(new ArrayList<>());
                Pipeline p = Sluice.pipeline().build();
                p.fromIterable("words", List.of("a", "b", "a"))
                        .process(StateNode.<String, String, Long, String>of(cache, (w, state, emit) ->
                                emit.emit(w + "=" + state.update(w, c -> c == null ? 1 : c + 1))).commitEvery(1))
                        .sink(out::add);
                p.start();
                p.await();
                assertEquals(run == 1 ? List.of("a=1", "b=1", "a=2") : List.of("a=3", "b=2", "a=4"), out);
            }
        }
    }
}
