package dev.sluice.cli;

import dev.sluice.log.LogRecord;
import dev.sluice.log.LogStream;
import dev.sluice.log.PartitionInfo;
import dev.sluice.log.StreamInfo;
import dev.sluice.log.StreamLog;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code sluice streams ls|info|tail|append|drop} over the durable log in {@code --dir} (default
 * {@code $SLUICE_LOG_DIR} or {@code ./sluice-log}), or on the Kafka cluster at {@code --kafka}.
 */
final class StreamsCommand {
    private StreamsCommand() {}

    /** Removes {@code name} and the value after it from {@code args}; returns the value, or null. */
    private static String takeOption(List<String> args, String name) {
        int at = args.indexOf(name);
        if (at < 0 || at + 1 >= args.size()) {
            return null;
        }
        String value = args.get(at + 1);
        args.remove(at + 1);
        args.remove(at);
        return value;
    }

    /**
     * The last {@code n} records: of each partition, then the newest {@code n} of those by
     * timestamp (oldest first). Positions need not be consecutive (on Kafka, transaction markers
     * take offsets), so a partition's read starts {@code n} positions back and goes further back
     * until it has {@code n} records or reaches the first.
     */
    private static List<LogRecord> last(StreamLog log, StreamInfo info, int n) {
        if (n <= 0) {
            return List.of();
        }
        List<LogRecord> all = new java.util.ArrayList<>();
        for (PartitionInfo p : info.partitions()) {
            all.addAll(last(log.stream(info.name()), p, n));
        }
        if (info.partitions().size() > 1) {
            all.sort(java.util.Comparator.comparing(LogRecord::timestamp).thenComparingLong(LogRecord::position));
        }
        return all.subList(Math.max(0, all.size() - n), all.size());
    }

    private static List<LogRecord> last(LogStream stream, PartitionInfo p, int n) {
        for (long back = n; ; back *= 2) {
            long from = Math.max(p.firstPosition(), p.nextPosition() - back);
            if (from >= p.nextPosition()) {
                return List.of();
            }
            List<LogRecord> read = stream.read(from, Integer.MAX_VALUE).stream()
                    .filter(r -> r.position() < p.nextPosition()).toList();
            if (read.size() >= n || from == p.firstPosition()) {
                return read.subList(Math.max(0, read.size() - n), read.size());
            }
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err) {
        args = new java.util.ArrayList<>(args);
        String dirArg = takeOption(args, "--dir");
        String kafka = takeOption(args, "--kafka");
        String namespace = takeOption(args, "--namespace");
        Path directory = dirArg != null ? Path.of(dirArg) : StreamLog.defaultDirectory();
        // for messages: "sluice-log" or "Kafka at host:9092"
        String dir = kafka == null ? directory.toString()
                : "Kafka at " + kafka + (namespace == null || namespace.isEmpty() ? "" : ", namespace " + namespace);
        if (args.isEmpty()) {
            err.println("usage: sluice streams ls | info NAME | tail NAME [-n N] | append NAME TEXT... | drop NAME"
                    + "  [--dir DIR | --kafka HOST:PORT [--namespace PREFIX]]");
            return 2;
        }
        String sub = args.get(0);
        if (kafka == null && !sub.equals("append") && !StreamLog.existsIn(directory)) {
            // opening would make an empty log there, and a mistyped --dir would look like an empty log
            err.println("sluice: no log in " + dir + " (sluice streams append makes one)");
            return 2;
        }
        try (StreamLog log = kafka == null ? StreamLog.open(directory)
                : StreamLog.open("kafka", kafka, java.util.Map.of("namespace", namespace == null ? "" : namespace))) {
            switch (sub) {
                case "ls" -> {
                    out.printf("%-30s %10s %12s %-24s %s%n", "stream", "records", "bytes", "created", "groups (lag)");
                    for (StreamInfo i : log.streams()) {
                        out.printf("%-30s %10d %12d %-24s %s%n", i.name(), i.records(), i.bytes(), i.created(), groups(log, i));
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
                    out.println("records:    " + i.records() + (i.partitions().size() > 1
                            ? " (in " + i.partitions().size() + " partitions, below)"
                            : " (positions " + i.firstPosition() + " to " + (i.nextPosition() - 1) + ")"));
                    out.println("bytes:      " + i.bytes());
                    out.println("retention:  " + i.retention());
                    out.println("groups:     " + groups(log, i));
                    if (i.partitions().size() > 1) {
                        out.printf("%-10s %10s %-24s %s%n", "partition", "records", "positions", "groups (next position, lag)");
                        for (PartitionInfo p : i.partitions()) {
                            out.printf("%-10d %10d %-24s %s%n", p.partition(), p.nextPosition() - p.firstPosition(),
                                    p.firstPosition() + " to " + (p.nextPosition() - 1), partitionGroups(p));
                        }
                    }
                    return 0;
                }
                case "tail" -> {
                    StreamInfo i = log.info(name(args)).orElse(null);
                    if (i == null) {
                        err.println("sluice: no stream named '" + name(args) + "' in " + dir);
                        return 2;
                    }
                    int n = args.contains("-n") ? Integer.parseInt(args.get(args.indexOf("-n") + 1)) : 10;
                    for (LogRecord r : last(log, i, n)) {
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
                            + dev.sluice.yaml.Suggest.didYouMean(sub, List.of("ls", "info", "tail", "append", "drop")));
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

    /** Each group of one partition with its next position there and its lag there. */
    private static String partitionGroups(PartitionInfo p) {
        StringBuilder sb = new StringBuilder();
        p.groups().forEach((group, next) -> sb.append(group).append(" (").append(next).append(", ")
                .append(p.lag(group)).append(") "));
        return sb.toString().trim();
    }

    /** Each group with its lag over every partition of the stream. */
    private static String groups(StreamLog log, StreamInfo i) {
        StringBuilder sb = new StringBuilder();
        for (String group : i.groups().keySet()) {
            sb.append(group).append(" (").append(log.stream(i.name()).lag(group)).append(") ");
        }
        return sb.toString().trim();
    }
}
