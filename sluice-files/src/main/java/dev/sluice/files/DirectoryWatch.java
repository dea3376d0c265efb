package dev.sluice.files;

import dev.sluice.Emitter;
import dev.sluice.Generator;
import dev.sluice.NodeContext;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A source node emitting the files of a directory that appear or change (nanostream's
 * {@code LocalDirectoryWatchdog}).
 *
 * <p>A file is emitted once it has <em>settled</em>: its size and modification time are the same
 * on two looks one poll interval apart, so a file still being written is not read half-way. A
 * file that changes again later is emitted again. The directory is re-scanned every poll
 * interval; a {@link WatchService} wakes the scan early when the platform supports it, and the
 * polling alone still works when it does not (network file systems). Files are emitted in name
 * order within a scan. Not recursive.
 */
final class DirectoryWatch implements Generator<Path> {
    private final Path directory;
    private final PathMatcher matcher;
    private final boolean includeExisting;
    private final Duration pollInterval;
    private final boolean useWatchService;

    DirectoryWatch(Path directory, String glob, boolean includeExisting, Duration pollInterval,
            boolean useWatchService) {
        this.directory = directory;
        this.matcher = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        this.includeExisting = includeExisting;
        this.pollInterval = pollInterval;
        this.useWatchService = useWatchService;
    }

    private record Stamp(long size, long modified) {}

    @Override
    public void generate(NodeContext ctx, Emitter<Path> out) throws IOException, InterruptedException {
        if (!Files.isDirectory(directory)) {
            throw new IOException("not a directory: " + directory.toAbsolutePath());
        }
        Map<Path, Stamp> emitted = new HashMap<>();
        Map<Path, Stamp> seenLastScan = new HashMap<>();
        if (!includeExisting) {
            emitted.putAll(scan());
        }
        WatchService watcher = useWatchService ? startWatching() : null;
        try {
            while (ctx.active()) {
                Map<Path, Stamp> now = scan();
                for (Map.Entry<Path, Stamp> e : now.entrySet()) {
                    Stamp stamp = e.getValue();
                    boolean settled = stamp.equals(seenLastScan.get(e.getKey()));
                    if (settled && !stamp.equals(emitted.get(e.getKey()))) {
                        emitted.put(e.getKey(), stamp);
                        out.emit(e.getKey());
                    }
                }
                emitted.keySet().retainAll(now.keySet()); // a deleted then recreated file is new
                seenLastScan = now;
                waitForChange(ctx, watcher);
            }
        } finally {
            if (watcher != null) {
                watcher.close();
            }
        }
    }

    private WatchService startWatching() {
        try {
            WatchService ws = directory.getFileSystem().newWatchService();
            directory.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
            return ws;
        } catch (IOException | UnsupportedOperationException e) {
            // Path.register throws UnsupportedOperationException on file systems without change
            // notification (some network and in-memory ones): the periodic scan alone covers them
            return null;
        }
    }

    /** Waits one poll interval, or less when the WatchService reports a change. */
    private void waitForChange(NodeContext ctx, WatchService watcher) throws InterruptedException {
        if (watcher == null || ctx.clock() != dev.sluice.time.Clock.system()) {
            ctx.clock().sleep(pollInterval);
            return;
        }
        try {
            WatchKey key = watcher.poll(pollInterval.toNanos(), TimeUnit.NANOSECONDS);
            if (key != null) {
                key.pollEvents();
                key.reset();
            }
        } catch (ClosedWatchServiceException e) {
            ctx.clock().sleep(pollInterval);
        }
    }

    private Map<Path, Stamp> scan() throws IOException {
        Map<Path, Stamp> files = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path p : entries) {
                if (!matcher.matches(p.getFileName())) {
                    continue;
                }
                try {
                    BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
                    if (a.isRegularFile()) {
                        files.put(p, new Stamp(a.size(), a.lastModifiedTime().toMillis()));
                    }
                } catch (java.nio.file.NoSuchFileException gone) {
                    // deleted between listing and reading: not there
                }
            }
        }
        return files;
    }
}
