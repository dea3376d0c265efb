package dev.sluice.cli;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.Processor;
import dev.sluice.config.NodeOptions;
import dev.sluice.config.NodeRole;
import dev.sluice.config.OptionSpec;
import dev.sluice.config.OptionType;
import java.time.Duration;

/** nanostream's example node classes, as plugin node types registered by the test class path. */
final class NanostreamTypes {
    private NanostreamTypes() {}

    /** {@code FooEmitter(message, interval)}: emits the message every interval (here: {@code times} times). */
    public static final class FooEmitter extends BuiltinTypes.Base {
        public FooEmitter() {
            super("foo.emitter", NodeRole.SOURCE, "emits a message every interval",
                    OptionSpec.required("message", OptionType.STRING, "what to emit"),
                    OptionSpec.optional("interval", OptionType.DURATION, "1s", "time between messages"),
                    OptionSpec.optional("times", OptionType.INT, "3", "how many messages"));
        }

        @Override
        public Object create(NodeOptions o) {
            String message = o.string("message");
            Duration interval = o.duration("interval");
            long times = o.integer("times");
            return (Generator<String>) (ctx, out) -> {
                for (long i = 0; i < times && ctx.active(); i++) {
                    ctx.clock().sleep(interval);
                    out.emit(message);
                }
            };
        }
    }

    /** {@code MessageLengthTester}: true when the message has an even length. */
    public static final class MessageLengthTester extends BuiltinTypes.Base {
        public MessageLengthTester() {
            super("message.length-tester", NodeRole.PROCESSOR, "true for messages of even length");
        }

        @Override
        public Object create(NodeOptions o) {
            return (Processor<String, Boolean>) (String m, Emitter<Boolean> out) -> out.emit(m.length() % 2 == 0);
        }
    }
}
