package dev.sluice.cli;

import dev.sluice.Processor;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.ProcessorType;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * {@code test.hold}: passes items on, but on the first one prints "holding" and waits for a line
 * on standard input, so that a test can signal a child process while items are queued behind it.
 */
public final class HoldType extends AbstractNodeType implements ProcessorType {
    public HoldType() {
        super("test.hold", "waits for a line on standard input before the first item");
    }

    @Override
    public Processor<Object, ?> create(NodeOptions o) {
        return new Processor<Object, Object>() {
            boolean released;

            @Override
            public void process(Object item, dev.sluice.Emitter<Object> out) throws Exception {
                if (!released) {
                    System.out.println("holding");
                    System.out.flush();
                    new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
                    released = true;
                }
                out.emit(item);
            }
        };
    }
}
