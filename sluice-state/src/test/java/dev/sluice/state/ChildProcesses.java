package dev.sluice.state;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Starts test worker JVMs on the test class path and kills whatever is left after each test. */
final class ChildProcesses implements AfterEachCallback {
    private final List<Process> started = new ArrayList<>();
    /**
     * The children's temporary directory: RocksDB and sqlite-jdbc extract their native libraries
     * there and a killed child never deletes them, so it is deleted after each test.
     */
    private Path tmp;

    /** {@code java -cp <test class path> main args...}, standard error shown, standard in and out piped. */
    Process start(Class<?> main, String... args) throws java.io.IOException {
        if (tmp == null) {
            tmp = java.nio.file.Files.createTempDirectory("sluice-children");
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "--enable-native-access=ALL-UNNAMED", "-Djava.io.tmpdir=" + tmp, "-cp",
                System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        started.add(p);
        return p;
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        for (Process p : started) {
            p.destroyForcibly();
            p.waitFor();
        }
        started.clear();
        if (tmp != null) {
            try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(tmp)) {
                for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.delete(f);
                }
            }
            tmp = null;
        }
    }
}
