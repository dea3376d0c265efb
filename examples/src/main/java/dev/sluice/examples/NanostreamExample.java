package dev.sluice.examples;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.Node;
import dev.sluice.NodeContext;
import dev.sluice.Pipe;
import dev.sluice.Pipeline;
import dev.sluice.Processor;
import dev.sluice.Sluice;
import java.time.Duration;

/** The nanostream README example: FooEmitter > MessageLengthTester > printer, each on its own thread. */
public final class NanostreamExample {
    private NanostreamExample() {}

    /** Emits {@code message} every {@code interval}, {@code times} times (nanostream's loops forever). */
    record FooEmitter(String message, Duration interval, int times) implements Generator<String> {
        @Override
        public void generate(NodeContext ctx, Emitter<String> out) throws InterruptedException {
            for (int i = 0; i < times && ctx.active(); i++) {
                ctx.clock().sleep(interval);
                out.emit(message);
            }
        }
    }

    /** True when the message has an even number of characters. */
    static final class MessageLengthTester implements Processor<String, Boolean> {
        @Override
        public void process(String message, Emitter<Boolean> out) {
            out.emit(message.length() % 2 == 0);
        }
    }

    public static void main(String[] args) throws Exception {
        try (Pipeline pipeline = Sluice.pipeline().build()) {
            Pipe<String> messageNode = pipeline.generate("foo", new FooEmitter("foobar", Duration.ofMillis(100), 3));
            Node<String, Boolean> lengthTester = pipeline.node("length_tester", new MessageLengthTester());
            Node<Boolean, Boolean> printer = pipeline.node("printer", (Boolean b, Emitter<Boolean> out) ->
                    System.out.println(b));
            messageNode.to(lengthTester).to(printer); // message_node > length_tester_node > printer
            pipeline.start();                         // global_start
            pipeline.await();                         // the emitter stops after 3 messages
        }
    }
}
