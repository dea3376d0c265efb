package dev.sluice.cli;

import dev.sluice.Pipeline;
import dev.sluice.PipelineException;
import dev.sluice.Sluice;
import dev.sluice.nodetype.OptionType;
import dev.sluice.yaml.ConfigException;
import dev.sluice.yaml.NodeTypes;
import dev.sluice.yaml.PipelineFile;
import dev.sluice.yaml.Suggest;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The {@code sluice} command: {@code run}, {@code validate} and {@code graph} of pipeline files.
 * Exit codes: 0 done, 1 the pipeline failed, 2 the file or the command line is wrong.
 */
public final class Main {
    /** How long Ctrl-C waits for in-flight items before the process exits regardless. */
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(30);

    private Main() {}

    /** The command line entry point. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command with the given output streams; returns the exit code (for embedding and tests). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || List.of("-h", "--help", "help").contains(args[0])) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        String command = args[0];
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            return switch (command) {
                case "validate" -> validate(rest, out);
                case "graph" -> graph(rest, out);
                // standard output is the pipeline's (stdout, print): the command's status goes to stderr
                case "run" -> runPipeline(rest, err);
                case "streams" -> StreamsCommand.run(rest, out, err);
                case "test" -> TestCommand.run(file(rest), out);
                case "cache" -> CacheCommand.run(rest, out, err);
                case "checkpoints" -> CheckpointsCommand.run(rest, out, err);
                case "schema" -> {
                    out.print(SchemaCommand.schema(NodeTypes.load()));
                    yield 0;
                }
                default -> {
                    err.println("sluice: unknown command '" + command + "'"
                            + Suggest.didYouMean(command, List.of("run", "validate", "graph", "streams", "schema", "test", "cache",
                                    "checkpoints")));
                    usage(err);
                    yield 2;
                }
            };
        } catch (ConfigException e) {
            e.problems().forEach(err::println);
            return 2;
        } catch (NoSuchFileException e) {
            err.println("sluice: no such file: " + e.getFile());
            return 2;
        } catch (UsageException e) {
            err.println("sluice: " + e.getMessage());
            return 2;
        } catch (PipelineException e) {
            err.println("sluice: pipeline failed: " + e.getMessage());
            return 1;
        } catch (IllegalStateException e) {
            err.println("sluice: " + e.getMessage()); // a pipeline that cannot start as it is: a checkpoint that does not fit
            return 2;
        } catch (Exception e) {
            err.println("sluice: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        }
    }

    private static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    static void usage(PrintStream out) {
        out.println("usage: sluice run FILE [--max-time DURATION] [--http PORT]");
        out.println("       sluice validate FILE");
        out.println("       sluice test TESTFILE                (unit tests of a pipeline file's nodes)");
        out.println("       sluice graph FILE [--format svg|dot|mermaid]");
        out.println("       sluice cache ls DIR [PREFIX] [-n N] | get DIR KEY");
        out.println("       sluice schema                      (JSON Schema of pipeline files)");
        out.println("       sluice checkpoints ls | drop PIPELINE [--dir DIR]");
        out.println("       sluice streams ls | info NAME | tail NAME [-n N] | append NAME TEXT... | drop NAME"
                + " [--dir DIR | --kafka HOST:PORT [--namespace PREFIX]]");
    }

    private static Path file(List<String> rest) throws UsageException {
        if (rest.isEmpty()) {
            throw new UsageException("missing the pipeline file");
        }
        return Path.of(rest.get(0));
    }

    private static String flag(List<String> rest, String name, String fallback) throws UsageException {
        int i = rest.indexOf(name);
        if (i < 0) {
            return fallback;
        }
        if (i + 1 >= rest.size()) {
            throw new UsageException(name + " needs a value");
        }
        return rest.get(i + 1);
    }

    static int validate(List<String> rest, PrintStream out) throws Exception {
        Path path = file(rest);
        PipelineFile file = PipelineFile.load(path);
        out.println(path + ": ok, pipeline '" + file.name() + "' with " + file.spec().nodes().size() + " nodes and "
                + file.spec().edges().size() + " edges");
        out.println("delivery: " + file.guarantee());
        return 0;
    }

    /** Draws the file's logical graph: nothing is built, so no connector opens and no broker is needed. */
    static int graph(List<String> rest, PrintStream out) throws Exception {
        PipelineFile file = PipelineFile.load(file(rest));
        String format = flag(rest, "--format", "dot");
        Drawing drawing = Drawing.of(file.spec());
        switch (format) {
            case "dot" -> out.print(Render.dot(drawing));
            case "mermaid" -> out.print(Render.mermaid(drawing));
            case "svg" -> out.print(Render.svg(drawing));
            default -> throw new UsageException("unknown graph format '" + format + "': svg, dot or mermaid");
        }
        return 0;
    }

    /** Runs a file; {@code out} takes the command's own status, standard error from the command line. */
    static int runPipeline(List<String> rest, PrintStream out) throws Exception {
        PipelineFile file = PipelineFile.load(file(rest));
        String maxTime = flag(rest, "--max-time", null);
        String http = flag(rest, "--http", null);
        Duration limit = maxTime == null ? null : (Duration) OptionType.DURATION.parse(maxTime);
        Pipeline p = file.build(Sluice.pipeline());
        CountDownLatch reported = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            // Ctrl-C or SIGTERM: drain what is in flight; the JVM exits when this hook returns, so
            // wait until the main thread has seen the end and printed the final table
            out.println("stopping: draining the items in flight");
            p.stop();
            try {
                reported.await(DRAIN_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException ignored) {
                // exiting anyway
            }
        }, "sluice-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        MetricsEndpoint endpoint = http == null ? null : MetricsEndpoint.start(p, Integer.parseInt(http));
        if (endpoint != null) {
            out.println("metrics on http://127.0.0.1:" + endpoint.port() + "/metrics, health on /health/live and /health/ready");
        }
        try {
            p.start();
            out.println("delivery: " + file.guarantee());
            var checkpoints = file.spec().checkpoints();
            if (checkpoints != null) {
                out.println("checkpoints every " + checkpoints.interval().toMillis() + " ms in the " + checkpoints.store()
                        + " store " + checkpoints.options().values() + ": " + (p.lastCheckpoint().isPresent()
                                ? "resuming after checkpoint " + p.lastCheckpoint().getAsLong()
                                : "no checkpoint yet, starting from the beginning"));
            }
            long deadline = limit == null ? Long.MAX_VALUE : System.nanoTime() + limit.toNanos();
            // redrawn in place only on a terminal: System.console() is null once either stream is redirected
            StatusView view = new StatusView(out, out == System.err && System.console() != null
                    && !"dumb".equals(System.getenv("TERM")));
            while (!p.await(Duration.ofSeconds(1))) {
                view.show(p.snapshot(), System.nanoTime());
                if (System.nanoTime() >= deadline) {
                    p.stop();
                    deadline = Long.MAX_VALUE;
                }
            }
            out.print(Render.table(p.snapshot()));
            if (p.lastCheckpoint().isPresent()) {
                out.println("last checkpoint: " + p.lastCheckpoint().getAsLong());
            }
            return 0;
        } finally {
            if (endpoint != null) {
                endpoint.close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                reported.countDown(); // the hook is running and waits for this
            }
        }
    }
}
