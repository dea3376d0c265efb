package dev.sluice;

/**
 * A custom node with an input you can connect to: made by
 * {@link Pipeline#node(String, Processor)} and wired with {@link Pipe#to(Node)}, nanostream's
 * {@code a > b}. By default a node runs on its own thread behind a bounded queue; any number of
 * pipes may feed it (fan-in) and it may feed any number of nodes (fan-out).
 *
 * @param <I> input type
 * @param <O> output type
 */
public interface Node<I, O> extends Pipe<O> {

    /** The names of the nodes feeding this one. */
    java.util.List<String> inputs();
}
