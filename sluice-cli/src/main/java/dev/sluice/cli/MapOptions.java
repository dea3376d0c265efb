package dev.sluice.cli;

import dev.sluice.ErrorPolicy;
import dev.sluice.config.NodeOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Node options held as values already converted to their declared types (paths made absolute
 * against the file that gave them), for nodes of a pipeline file and the inner nodes of composites.
 */
record MapOptions(String nodeName, Map<String, Object> values, ErrorPolicy onError) implements NodeOptions {

    MapOptions(String nodeName, Map<String, Object> values) {
        this(nodeName, values, ErrorPolicy.fail());
    }

    private Object value(String option) {
        Object v = values.get(option);
        if (v == null) {
            throw new IllegalArgumentException("node '" + nodeName + "' has no option '" + option + "'");
        }
        return v;
    }

    @Override
    public boolean has(String option) {
        return values.containsKey(option);
    }

    @Override
    public String string(String option) {
        return (String) value(option);
    }

    @Override
    public long integer(String option) {
        return (Long) value(option);
    }

    @Override
    public double decimal(String option) {
        return (Double) value(option);
    }

    @Override
    public boolean bool(String option) {
        return (Boolean) value(option);
    }

    @Override
    public Duration duration(String option) {
        return (Duration) value(option);
    }

    @Override
    public Path path(String option) {
        return (Path) value(option);
    }

    @Override
    public char character(String option) {
        return (Character) value(option);
    }
}
