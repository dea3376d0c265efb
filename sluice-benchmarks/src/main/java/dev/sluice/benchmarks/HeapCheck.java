package dev.sluice.benchmarks;

import dev.sluice.Pipeline;
import dev.sluice.Sluice;
import dev.sluice.Source;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Memory under backpressure: three threaded stages behind a slow sink, fed as fast as the
 * emitter can go with 2,000,000 items of 256 bytes (512 MB in all), in a JVM started with
 * {@code -Xmx64m}. Bounded queues make the emitter wait for the sink instead of buffering. Prints
 * the items delivered, the time, and the peak heap in use.
 *
 * <pre>
 *   java -Xmx64m -cp benchmarks.jar dev.sluice.benchmarks.HeapCheck
 * </pre>
 */
public final class HeapCheck {
    static final int N = 2_000_000;

    private HeapCheck() {}

    /** Runs this check in a child JVM with {@code -Xmx64m}; the peer figure is the 64 MB limit itself. */
    static Compare.Result compare() throws Exception {
        Process p = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx64m", "-cp", System.getProperty("java.class.path"), HeapCheck.class.getName())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
        int code = p.waitFor();
        String[] parts = said.split(" ");
        boolean completed = code == 0 && parts.length == 3 && Long.parseLong(parts[0]) == N;
        double peak = completed ? Double.parseDouble(parts[2]) : Double.NaN;
        return new Compare.Result("3 threaded stages behind a slow sink, 2,000,000 x 256 bytes, -Xmx64m: peak heap vs the limit",
                peak, 64, "MB", false, "completes in 64 MB", completed);
    }

    public static void main(String[] args) throws Exception {
        AtomicLong delivered = new AtomicLong();
        long start = System.nanoTime();
        try (Pipeline p = Sluice.pipeline().name("heap").build()) {
            Source<byte[]> source = p.source("in");
            source.buffer(1024).map(b -> {
                        b[0] = 1;
                        return b;
                    })
                    .buffer(1024).filter(b -> b.length == 256)
                    .buffer(1024).sink(b -> {
                        long until = System.nanoTime() + 1_000; // the slow sink: a microsecond per item
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                        delivered.incrementAndGet();
                    });
            for (int i = 0; i < N; i++) {
                source.emit(new byte[256]);
            }
            source.complete();
            p.await();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf(Locale.ROOT, "%d %.3f %.1f%n", delivered.get(), seconds, peak / 1048576.0);
    }
}
