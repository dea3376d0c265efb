package dev.sluice.cli;

import dev.sluice.yaml.ConfigException;
import dev.sluice.yaml.TestFile;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * {@code sluice test FILE}: runs the cases of a test file ({@link TestFile}) and prints
 * {@code PASS name} or {@code FAIL name (file:line): what differed} for each, then the totals.
 * Exit codes: 0 all passed, 1 a case failed, 2 the test file (or its pipeline file) is wrong.
 */
final class TestCommand {
    private TestCommand() {}

    static int run(Path testFile, PrintStream out) throws Exception {
        TestFile tests;
        try {
            tests = TestFile.load(testFile);
        } catch (ConfigException e) {
            out.println(e.getMessage());
            return 2;
        }
        int passed = 0;
        int failed = 0;
        for (TestFile.Result r : tests.run()) {
            if (r.passed()) {
                passed++;
                out.println("PASS " + r.name());
            } else {
                failed++;
                out.println("FAIL " + r.name() + " (" + r.where() + "): " + r.failure());
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        return failed == 0 ? 0 : 1;
    }
}
