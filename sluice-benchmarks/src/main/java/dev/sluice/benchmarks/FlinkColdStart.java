package dev.sluice.benchmarks;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.reader.TextLineInputFormat;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The peer of the cold-start comparison: the same small pipeline as {@code coldstart.yaml} (read a
 * CSV file, parse its rows, keep the adults, print them) as a Flink job on a local MiniCluster,
 * the way a user tries Flink on one machine. Run in a fresh JVM; its wall time is the figure.
 *
 * <pre>
 *   java -cp benchmarks.jar:$(cat flink.classpath) dev.sluice.benchmarks.FlinkColdStart people.csv
 * </pre>
 */
public final class FlinkColdStart {
    private FlinkColdStart() {}

    public static void main(String[] args) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(1);
        FileSource<String> source = FileSource.forRecordStreamFormat(new TextLineInputFormat(),
                new Path(args[0])).build();
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "read")
                .filter(line -> !line.startsWith("name,"))
                .map(line -> line.split(","))
                .filter(row -> Integer.parseInt(row[2]) >= 18)
                // the row as JSON text, as sluice run prints a CSV row
                .map(row -> "{\"name\":\"" + row[0] + "\",\"city\":\"" + row[1] + "\",\"age\":\"" + row[2] + "\"}")
                .print();
        env.execute("cold start");
    }
}
