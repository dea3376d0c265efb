package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** snapstream's bind-and-run model. */
class BindingsTest {

    @Test
    void manyBindings_runTogether_nullResultsAreNotSunk() throws Exception {
        List<String> a = Collections.synchronizedList(new ArrayList<>());
        List<String> b = Collections.synchronizedList(new ArrayList<>());
        List<Integer> evens = Collections.synchronizedList(new ArrayList<>());
        Sluice.bindings()
                .snap(List.of("x", "y"), s -> s + "!", a::add, b::add)
                .snap(List.of(1, 2, 3, 4), n -> n % 2 == 0 ? n : null, evens::add)
                .stream();
        assertEquals(List.of("x!", "y!"), a);
        assertEquals(List.of("x!", "y!"), b);
        assertEquals(List.of(2, 4), evens);
    }

    @Test
    void severalSources_forOneHandler_eachOnItsOwnThread() throws Exception {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        List<Integer> out = Collections.synchronizedList(new ArrayList<>());
        Sluice.bindings().snap(List.of(List.of(1, 2), List.of(3)), n -> {
            threads.add(Thread.currentThread().getName());
            return n;
        }, List.of(out::add)).stream();
        assertEquals(3, out.size());
        assertEquals(2, threads.stream().distinct().count());
    }

    @Test
    void firstFailure_isRethrown_andStopsTheOtherBindings() {
        CountDownLatch failed = new CountDownLatch(1);
        Iterable<Integer> endless = () -> new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Integer next() {
                return i++;
            }
        };
        PipelineException e = assertThrows(PipelineException.class, () -> Sluice.bindings()
                .snap(endless, n -> n, n -> {})
                .snap(List.of("ok", "bad"), s -> {
                    if (s.equals("bad")) {
                        failed.countDown();
                        throw new IllegalArgumentException("cannot handle " + s);
                    }
                    return s;
                }, s -> {})
                .stream());
        assertTrue(e.getCause() instanceof IllegalArgumentException);
        assertEquals("bad", e.item());
        assertEquals(0, failed.getCount());
    }
}
