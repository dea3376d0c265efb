package dev.sluice.examples;

import dev.sluice.Pipe;
import dev.sluice.Sluice;
import dev.sluice.Source;
import java.util.ArrayList;
import java.util.List;

/** The streamz README example: {@code source.map(inc).scan(add)} with two sinks. */
public final class StreamzExample {
    private StreamzExample() {}

    public static void main(String[] args) {
        Source<Integer> source = Sluice.source();
        List<Integer> l = new ArrayList<>();
        Pipe<Integer> stream = source.map(x -> x + 1).scan(Integer::sum);
        stream.sink(l::add);
        stream.sink(System.out::println);
        for (int i = 0; i < 3; i++) {
            source.emit(i);
        }
        System.out.println(l);
    }
}
