package dev.sluice.cli;

import dev.sluice.rocksdb.Cache;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code sluice cache ls DIR [PREFIX] [-n N] | get DIR KEY}: inspect a state cache (UTF-8 keys and
 * values), as snapstream's CLI inspects its caches.
 */
final class CacheCommand {
    private CacheCommand() {}

    static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() < 2) {
            err.println("usage: sluice cache ls DIR [PREFIX] [-n N] | get DIR KEY");
            return 2;
        }
        Path dir = Path.of(args.get(1));
        if (!Files.isDirectory(dir)) {
            err.println("sluice: no cache in " + dir);
            return 2;
        }
        try (Cache<String, String> cache = Cache.open(dir)) {
            switch (args.get(0)) {
                case "ls" -> {
                    int n = args.contains("-n") ? Integer.parseInt(args.get(args.indexOf("-n") + 1)) : 100;
                    String prefix = args.size() > 2 && !args.get(2).equals("-n") ? args.get(2) : null;
                    try (Stream<Map.Entry<String, String>> entries = prefix == null ? cache.range(null, null, false)
                            : cache.prefix(prefix)) {
                        entries.limit(n).forEach(e -> out.println(e.getKey() + "\t" + e.getValue()));
                    }
                    return 0;
                }
                case "get" -> {
                    if (args.size() < 3) {
                        err.println("usage: sluice cache get DIR KEY");
                        return 2;
                    }
                    var value = cache.get(args.get(2));
                    if (value.isEmpty()) {
                        err.println("sluice: no key '" + args.get(2) + "'");
                        return 1;
                    }
                    out.println(value.get());
                    return 0;
                }
                default -> {
                    err.println("sluice: unknown cache command '" + args.get(0) + "'"
                            + dev.sluice.yaml.Suggest.didYouMean(args.get(0), List.of("ls", "get")));
                    return 2;
                }
            }
        }
    }
}
