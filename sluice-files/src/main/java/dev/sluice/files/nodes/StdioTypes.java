package dev.sluice.files.nodes;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.Processor;
import dev.sluice.files.Line;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.Delivery;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.SinkType;
import dev.sluice.nodetype.SourceType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * {@code stdin} and {@code stdout}: a pipeline in a shell pipe ({@code cat x | sluice run p.yaml | jq}).
 * While a pipeline runs, {@code sluice run} writes its own status to standard error, so standard
 * output carries only what {@code stdout} (and {@code print}) write.
 */
public final class StdioTypes {
    private StdioTypes() {}

    /** Where a line of standard input says it came from, in messages: {@code stdin:12}. */
    static final Path STDIN = Path.of("stdin");

    /** {@code stdin}: the lines of standard input, then the end of the stream. */
    public static final class Stdin extends AbstractNodeType implements SourceType {
        private final Supplier<InputStream> input;

        /** For the service loader: the process's standard input. */
        public Stdin() {
            this(() -> System.in);
        }

        /** Reading {@code input} instead: for tests. */
        Stdin(Supplier<InputStream> input) {
            super("stdin", "emits the lines of standard input (UTF-8), then completes",
                    FileTypes.MAX_LINE);
            this.input = input;
        }

        /** Two readers would split the lines between them. */
        @Override
        public String exclusive(NodeOptions o) {
            return "standard input";
        }

        /** Standard input cannot be read again after a restart. */
        @Override
        public Delivery delivery(NodeOptions o) {
            return Delivery.NONE;
        }

        @Override
        public Generator<Line> create(NodeOptions o) {
            int maxLine = (int) o.integer("max-line");
            return (ctx, out) -> {
                // Reading a pipe blocks and cannot be interrupted, so a daemon thread reads and the
                // generator waits on the queue, where it sees a stop: --max-time and Ctrl-C end it.
                BlockingQueue<Object> lines = new ArrayBlockingQueue<>(1024);
                Thread reader = new Thread(() -> read(input.get(), maxLine, lines), "sluice-" + ctx.name());
                reader.setDaemon(true);
                reader.start();
                boolean unflushed = false;
                while (ctx.active()) {
                    Object next = lines.poll(100, TimeUnit.MILLISECONDS);
                    if (next == END) {
                        return;
                    }
                    if (next instanceof RuntimeException e) {
                        throw e;
                    }
                    if (next instanceof Bad bad) {
                        ctx.reject(bad.line(), bad.reason());
                    } else if (next != null) {
                        out.emit((Line) next);
                        unflushed = true;
                    }
                    if (unflushed && lines.isEmpty()) {
                        // the input paused (a person typing, tail -f): a marker makes the sinks below
                        // flush, so what came in so far comes out now rather than with the next 64 KB
                        ctx.whenProcessed(() -> {});
                        unflushed = false;
                    }
                }
            };
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.LINE;
        }
    }

    private static final Object END = new Object();

    /** A line that is no item (too long, not UTF-8), with the reason: the node's on_error decides. */
    private record Bad(Line line, RuntimeException reason) {}

    /** Lines of {@code in} into {@code lines}, then {@link #END}, or the failure. */
    static void read(InputStream in, int maxLine, BlockingQueue<Object> lines) {
        Object last = END;
        try (in) {
            dev.sluice.files.FileNodes.readLines(in, STDIN, maxLine, new dev.sluice.files.FileNodes.LineSink() {
                @Override
                public void line(Line line) throws InterruptedException {
                    lines.put(line);
                }

                @Override
                public void bad(Line line, RuntimeException reason) throws InterruptedException {
                    lines.put(new Bad(line, reason));
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (IOException e) {
            last = new UncheckedIOException("reading standard input: " + e.getMessage(), e);
        } catch (Exception e) {
            last = e instanceof RuntimeException r ? r : new IllegalStateException(e.getMessage(), e);
        }
        try {
            lines.put(last);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code stdout}: each item as a line of standard output. */
    public static final class Stdout extends AbstractNodeType implements SinkType {
        private final Supplier<OutputStream> output;

        /** For the service loader: the process's standard output. */
        public Stdout() {
            this(() -> System.out);
        }

        /** Writing to {@code output} instead: for tests. */
        Stdout(Supplier<OutputStream> output) {
            super("stdout", "writes each item as a line of standard output: text as it is, rows as JSON objects, batches as arrays");
            this.output = output;
        }

        @Override
        public Processor<Object, Void> create(NodeOptions o) {
            OutputStream out = output.get();
            return new Processor<>() {
                // One write of whole lines per flush, rather than a system call per item: a PrintStream
                // writes each call whole, so two sinks on standard output never split a line.
                private final StringBuilder pending = new StringBuilder();

                @Override
                public void process(Object item, Emitter<Void> emitter) throws IOException {
                    pending.append(FileTypes.line(item)).append('\n');
                    if (pending.length() >= 1 << 16) {
                        write();
                    }
                }

                /** Before a source upstream hears its items were processed. */
                @Override
                public void flush(Emitter<Void> emitter) throws IOException {
                    write();
                }

                @Override
                public void onComplete(Emitter<Void> emitter) throws IOException {
                    write();
                }

                @Override
                public void onStop() throws IOException {
                    write();
                }

                private void write() throws IOException {
                    if (!pending.isEmpty()) {
                        out.write(pending.toString().getBytes(StandardCharsets.UTF_8));
                        pending.setLength(0);
                    }
                    out.flush();
                }
            };
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return Set.of(ItemType.TEXT, ItemType.LINE, ItemType.ROW, ItemType.MESSAGE, ItemType.FILE, ItemType.BATCH);
        }
    }
}
