package dev.sluice.cli;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.Processor;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.ProcessorType;
import dev.sluice.nodetype.SourceType;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import java.time.Duration;

/** nanostream's example node classes, as plugin node types registered by the test class path. */
final class NanostreamTypes {
    private NanostreamTypes() {}

    /** {@code FooEmitter(message, interval)}: emits the message every interval (here: {@code times} times). */
    public static final class FooEmitter extends AbstractNodeType implements SourceType {
        public FooEmitter() {
            super("foo.emitter", "emits a message every interval",
                    OptionSpec.required("message", OptionType.STRING, "what to emit"),
                    OptionSpec.optional("interval", OptionType.DURATION, "1s", "time between messages"),
                    OptionSpec.optional("times", OptionType.INT, "3", "how many messages"));
        }

        @Override
        public Generator<String> create(NodeOptions o) {
            String message = o.string("message");
            Duration interval = o.duration("interval");
            long times = o.integer("times");
            return (ctx, out) -> {
                for (long i = 0; i < times && ctx.active(); i++) {
                    ctx.clock().sleep(interval);
                    out.emit(message);
                }
            };
        }
    }

    /** {@code MessageLengthTester}: true when the message has an even length. */
    public static final class MessageLengthTester extends AbstractNodeType implements ProcessorType {
        public MessageLengthTester() {
            super("message.length-tester", "true for messages of even length");
        }

        @Override
        public Processor<Object, ?> create(NodeOptions o) {
            return (Object m, Emitter<Boolean> out) -> out.emit(m.toString().length() % 2 == 0);
        }
    }
}
