package dev.sluice.nodetype;

import dev.sluice.ErrorPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/** {@link NodeOptions#of}: options held as values of their declared types. */
record ValueOptions(String nodeName, Map<String, ?> values, ErrorPolicy onError) implements NodeOptions {
    ValueOptions {
        Objects.requireNonNull(nodeName, "nodeName");
        Objects.requireNonNull(onError, "onError");
    }

    private <T> T value(String option, Class<T> type) {
        Object v = values.get(option);
        if (v == null) {
            throw new IllegalArgumentException("node '" + nodeName + "' has no option '" + option + "'");
        }
        if (!type.isInstance(v)) {
            throw new IllegalArgumentException("option '" + option + "' of node '" + nodeName + "' is "
                    + v.getClass().getSimpleName() + ", not " + type.getSimpleName());
        }
        return type.cast(v);
    }

    @Override
    public boolean has(String option) {
        return values.containsKey(option);
    }

    @Override
    public String string(String option) {
        return value(option, String.class);
    }

    @Override
    public long integer(String option) {
        return value(option, Long.class);
    }

    @Override
    public double decimal(String option) {
        return value(option, Double.class);
    }

    @Override
    public boolean bool(String option) {
        return value(option, Boolean.class);
    }

    @Override
    public Duration duration(String option) {
        return value(option, Duration.class);
    }

    @Override
    public Path path(String option) {
        return value(option, Path.class);
    }

    @Override
    public char character(String option) {
        return value(option, Character.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public java.util.List<String> list(String option) {
        return value(option, java.util.List.class);
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> mapping(String option) {
        return value(option, Map.class);
    }
}
