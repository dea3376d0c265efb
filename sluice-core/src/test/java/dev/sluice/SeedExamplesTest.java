package dev.sluice;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import dev.sluice.time.VirtualClock;
import org.junit.jupiter.api.Test;

/** The examples of the seed READMEs, in Java, with their printed output checked. */
class SeedExamplesTest {

    /**
     * streamz: {@code source.map(inc).scan(add)} with two sinks. The streamz README prints
     * "1 3 7", but the running sum of 1, 2, 3 is 1, 3, 6; Sluice prints what the arithmetic says.
     */
    @Test
    void streamz_mapIncScanAdd_printsRunningSums() {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        List<Integer> l = new ArrayList<>();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Source<Integer> source = Sluice.source();
            Pipe<Integer> stream = source.map(x -> x + 1).scan(Integer::sum);
            stream.sink(l::add);
            stream.sink(System.out::println);
            for (int i = 0; i < 3; i++) {
                source.emit(i);
            }
            source.complete();
        } finally {
            System.setOut(original);
        }
        assertEquals(List.of(1, 3, 6), l);
        assertEquals("1\n3\n6\n", printed.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }

    /** nanostream: FooEmitter(message='foobar', interval=5) > MessageLengthTester. */
    @Test
    void nanostream_fooEmitterToMessageLengthTester() throws Exception {
        VirtualClock clock = new VirtualClock();
        List<Boolean> results = new ArrayList<>();
        CountDownLatch three = new CountDownLatch(3);
        Pipeline pipeline = Sluice.pipeline().clock(clock).build();

        Pipe<String> messageNode = pipeline.generate("foo", new FooEmitter("foobar", Duration.ofSeconds(5)));
        Node<String, Boolean> lengthTester = pipeline.node("length_tester", new MessageLengthTester());
        messageNode.to(lengthTester).sink(r -> {
            results.add(r);
            three.countDown();
        });

        pipeline.start(); // nanostream's global_start
        three.await();
        pipeline.stop();
        pipeline.await();

        assertEquals(List.of(true, true, true), results.subList(0, 3));
        assertEquals(PipelineState.COMPLETED, pipeline.state());
    }

    static final class FooEmitter implements Generator<String> {
        private final String message;
        private final Duration interval;

        FooEmitter(String message, Duration interval) {
            this.message = message;
            this.interval = interval;
        }

        @Override
        public void generate(NodeContext ctx, Emitter<String> out) throws InterruptedException {
            while (ctx.active()) {
                ctx.clock().sleep(interval);
                out.emit(message);
            }
        }
    }

    static final class MessageLengthTester implements Processor<String, Boolean> {
        @Override
        public void process(String message, Emitter<Boolean> out) {
            out.emit(message.length() % 2 == 0);
        }
    }

    /** snapstream: {@code @snap(range(5), sink=[print])} then {@code stream()}. */
    @Test
    void snapstream_snapRangeToPrint() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
            Sluice.snap(IntStream.range(0, 5).boxed().toList(), msg -> "Hello " + msg, System.out::println);
            Sluice.stream();
        } finally {
            System.setOut(original);
        }
        assertEquals("Hello 0\nHello 1\nHello 2\nHello 3\nHello 4\n",
                printed.toString(StandardCharsets.UTF_8).replace("\r", ""));
    }
}
