package dev.sluice.examples;

import dev.sluice.log.GroupConsumer;
import dev.sluice.log.LogStream;
import dev.sluice.log.StreamLog;
import dev.sluice.log.WindowStrategy;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The minibatch README example on the embedded log: a producer appends records to the stream
 * "test", a consumer group reads them two at a time. Here both run in one process, one after the
 * other; across processes they only share the directory and the stream's name.
 */
public final class MinibatchExample {
    private MinibatchExample() {}

    public static void main(String[] args) throws Exception {
        Path dir = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("sluice-minibatch");
        try (StreamLog log = StreamLog.open(dir)) {
            LogStream stream = log.stream("test"); // Stream.get_or_create('test')
            for (int i = 0; i < 6; i++) {
                stream.append("{\"n\": " + i + "}");
            }
            GroupConsumer consumer = stream.consumer("myprocess", WindowStrategy.count(2));
            while (consumer.runOnce(window -> System.out.println(window.texts()))) {
                // one window of two records per call
            }
            System.out.println("lag of myprocess: " + consumer.lag());
        }
    }
}
