package dev.sluice.examples;

import dev.sluice.Sluice;
import java.util.stream.IntStream;

/** The snapstream README example: {@code @snap(range(5), sink=[print])}, then {@code stream()}. */
public final class SnapstreamExample {
    private SnapstreamExample() {}

    public static void main(String[] args) throws Exception {
        Sluice.snap(IntStream.range(0, 5).boxed().toList(), msg -> "Hello " + msg, System.out::println);
        Sluice.stream();
    }
}
