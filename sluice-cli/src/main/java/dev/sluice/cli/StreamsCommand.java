package dev.sluice.cli;

import dev.sluice.log.LogRecord;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamInfo;
import dev.sluice.log.StreamLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code sluice streams ls|info|tail|append|drop} over the durable log in {@code --dir} (default
 * {@code $SLUICE_LOG_DIR} or {@code ./sluice-log}).
 */
final class StreamsCommand {
    private StreamsCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("usage: sluice streams ls | info NAME | tail NAME [-n N] | append NAME TEXT... | drop NAME  [--dir DIR]");
            return 2;
        }
        Path dir = StreamLog.defaultDirectory();
        int d = args.indexOf("--dir");
        if (d >= 0 && d + 1 < args.size()) {
            dir = Path.of(args.get(d + 1));
            args = new java.util.ArrayList<>(args);
            args.remove(d + 1);
            args.remove(d);
        }
        String sub = args.get(0);
        try (StreamLog log = StreamLog.open(dir)) {
            switch (sub) {
                case "ls" -> {
                    out.printf("%-30s %10s %12s %-24s %s%n", "stream", "records", "bytes", "created", "groups (lag)");
                    for (StreamInfo i : log.streams()) {
                        out.printf("%-30s %10d %12d %-24s %s%n", i.name(), i.records(), i.bytes(), i.created(), groups(i));
                    }
                    return 0;
                }
                case "info" -> {
                    StreamInfo i = log.info(name(args)).orElse(null);
                    if (i == null) {
                        err.println("sluice: no stream named '" + name(args) + "' in " + dir);
                        return 2;
                    }
                    out.println("stream:     " + i.name());
                    out.println("created:    " + i.created());
                    out.println("records:    " + i.records() + " (positions " + i.firstPosition() + " to "
                            + (i.nextPosition() - 1) + ")");
                    out.println("bytes:      " + i.bytes());
                    out.println("retention:  " + i.retention());
                    out.println("groups:     " + groups(i));
                    return 0;
                }
                case "tail" -> {
                    StreamInfo i = log.info(name(args)).orElse(null);
                    if (i == null) {
                        err.println("sluice: no stream named '" + name(args) + "' in " + dir);
                        return 2;
                    }
                    int n = args.contains("-n") ? Integer.parseInt(args.get(args.indexOf("-n") + 1)) : 10;
                    long from = Math.max(i.firstPosition(), i.nextPosition() - n);
                    for (LogRecord r : log.stream(i.name()).read(from, n)) {
                        out.println(r.position() + "\t" + r.timestamp() + "\t" + r.text());
                    }
                    return 0;
                }
                case "append" -> {
                    LogStream s = log.stream(name(args));
                    for (String text : args.subList(2, args.size())) {
                        out.println(s.append(text));
                    }
                    return 0;
                }
                case "drop" -> {
                    boolean dropped = log.drop(name(args));
                    out.println(dropped ? "dropped " + name(args) : "no stream named '" + name(args) + "'");
                    return dropped ? 0 : 2;
                }
                default -> {
                    err.println("sluice: unknown streams command '" + sub + "'"
                            + Registry.suggest(sub, List.of("ls", "info", "tail", "append", "drop"))
                                    .map(s -> " (did you mean '" + s + "'?)").orElse(""));
                    return 2;
                }
            }
        } catch (IndexOutOfBoundsException | NumberFormatException e) {
            err.println("sluice: streams " + sub + ": missing or bad argument");
            return 2;
        }
    }

    private static String name(List<String> args) {
        return args.get(1);
    }

    private static String groups(StreamInfo i) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> g : i.groups().entrySet()) {
            sb.append(g.getKey()).append(" (").append(i.lag(g.getKey())).append(") ");
        }
        return sb.toString().trim();
    }
}
