package dev.sluice.files;

import dev.sluice.Emitter;
import dev.sluice.Processor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A CSV parser node (RFC 4180): takes {@link Line}s, emits {@link CsvRow}s. The first line of each
 * file is its header unless column names are given. Quoted fields may hold the delimiter, doubled
 * quotes and line breaks. A record with the wrong number of fields, an unterminated quote or a
 * value its column's converter rejects fails with a {@link CsvException} naming file and line,
 * for the node's error policy (dead-letter it to keep going).
 *
 * <pre>{@code
 * Processor<Line, CsvRow> csv = Csv.parser().delimiter(';').column("celsius", Double::parseDouble).build();
 * }</pre>
 */
public final class Csv implements Processor<Line, CsvRow> {
    private final char delimiter;
    private final char quote;
    private final List<String> names;
    private final Map<String, Function<String, ?>> converters;
    private final int maxRecord;
    private final Map<Path, FileState> files = new HashMap<>();

    private Csv(Builder b) {
        this.maxRecord = b.maxRecord;
        this.delimiter = b.delimiter;
        this.quote = b.quote;
        this.names = b.names;
        this.converters = Map.copyOf(b.converters);
    }

    /** A parser with a header line, commas and double quotes. */
    public static Builder parser() {
        return new Builder();
    }

    /** Settings of a CSV parser. */
    public static final class Builder {
        private char delimiter = ',';
        private char quote = '"';
        private List<String> names;
        private final Map<String, Function<String, ?>> converters = new HashMap<>();
        private int maxRecord = 1 << 20;

        Builder() {}

        /**
         * The most characters a record may hold across the lines a quoted field spans. Default
         * 1 MiB. Beyond it the record fails for the node's error policy, naming its first line
         * (an unterminated quote, most likely), and parsing starts afresh at the next line, so
         * one stray quote neither fills memory nor swallows the rest of the file.
         */
        public Builder maxRecord(int characters) {
            if (characters < 1) {
                throw new IllegalArgumentException("maxRecord must be positive: " + characters);
            }
            this.maxRecord = characters;
            return this;
        }

        /** The field separator. Default {@code ,}. */
        public Builder delimiter(char c) {
            this.delimiter = c;
            return this;
        }

        /** The quote character. Default {@code "}. */
        public Builder quote(char c) {
            this.quote = c;
            return this;
        }

        /** Column names for files without a header line: every line is data. */
        public Builder columns(String... columnNames) {
            this.names = List.of(columnNames);
            return this;
        }

        /** Converts the values of {@code column}, e.g. {@code Double::parseDouble}. */
        public Builder column(String column, Function<String, ?> converter) {
            converters.put(Objects.requireNonNull(column), Objects.requireNonNull(converter));
            return this;
        }

        /**
         * A codec for one record per message (a Kafka record, a log entry) with these settings:
         * the columns must be given, as there is no header line to read them from.
         */
        public CsvCodec codec() {
            if (names == null) {
                throw new IllegalArgumentException("a CSV codec needs its columns: columns(...)");
            }
            build(); // validates delimiter and quote
            return new CsvCodec(names, delimiter, quote, converters);
        }

        /** The parser. */
        public Processor<Line, CsvRow> build() {
            if (delimiter == quote || delimiter == '\n' || quote == '\n') {
                throw new IllegalArgumentException("delimiter and quote must differ and not be a line break");
            }
            return new Csv(this);
        }
    }

    /** Per file: its header, and a record still open across lines. */
    static final class FileState {
        List<String> header;
        final List<String> fields = new ArrayList<>();
        final StringBuilder field = new StringBuilder();
        boolean inQuotes;
        long startLine;
        long size; // characters of a record open across lines

    }

    /** A file's state after a record was given up: its header stays, the record is gone. */
    private static FileState restart(FileState old) {
        FileState fresh = new FileState();
        fresh.header = old.header;
        return fresh;
    }

    @Override
    public void process(Line line, Emitter<CsvRow> out) {
        FileState state = files.get(line.file());
        if (state == null || line.number() == 1) {
            if (state != null && state.inQuotes) {
                files.remove(line.file());
                throw new CsvException(line.file() + ":" + state.startLine + ": unterminated quoted field");
            }
            state = new FileState();
            state.header = names;
            files.put(line.file(), state);
        }
        if (!state.inQuotes) {
            state.startLine = line.number();
            if (line.text().isEmpty()) {
                return; // blank lines between records are not records
            }
        } else {
            state.field.append('\n');
        }
        parse(line.text(), state, delimiter, quote);
        if (state.inQuotes) {
            state.size += line.text().length() + 1;
            if (state.size > maxRecord) {
                long start = state.startLine;
                files.put(line.file(), restart(state));
                throw new CsvException(line.file() + ":" + start + ": a record longer than " + maxRecord
                        + " characters (max-record), from a quoted field that does not end: an unterminated quote?"
                        + " Parsing goes on after line " + line.number());
            }
            return; // the record goes on on the next line
        }
        state.size = 0;
        state.fields.add(state.field.toString());
        state.field.setLength(0);
        List<String> fields = List.copyOf(state.fields);
        state.fields.clear();
        if (state.header == null) {
            for (String typed : converters.keySet()) {
                if (!fields.contains(typed)) { // a converter for a column the file lacks: a typo, most likely
                    throw new CsvException(line.file() + ":" + line.number() + ": no column '" + typed
                            + "' in the header " + fields);
                }
            }
            state.header = fields;
            return;
        }
        out.emit(toRow(line.file(), state.startLine, state.header, fields));
    }

    /** RFC 4180 fields of {@code text} into {@code s}, which carries a quoted field across lines. */
    static void parse(String text, FileState s, char delimiter, char quote) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (s.inQuotes) {
                if (c == quote) {
                    if (i + 1 < n && text.charAt(i + 1) == quote) {
                        s.field.append(quote);
                        i += 2;
                        continue;
                    }
                    s.inQuotes = false;
                } else {
                    s.field.append(c);
                }
            } else if (c == quote && s.field.isEmpty()) {
                s.inQuotes = true;
            } else if (c == delimiter) {
                s.fields.add(s.field.toString());
                s.field.setLength(0);
            } else {
                s.field.append(c);
            }
            i++;
        }
    }

    private CsvRow toRow(Path file, long line, List<String> header, List<String> fields) {
        if (fields.size() != header.size()) {
            throw new CsvException(file + ":" + line + ": expected " + header.size() + " fields " + header
                    + " but found " + fields.size());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String column = header.get(i);
            String raw = fields.get(i);
            Function<String, ?> convert = converters.get(column);
            if (convert == null) {
                values.put(column, raw);
                continue;
            }
            try {
                values.put(column, convert.apply(raw));
            } catch (RuntimeException e) {
                throw new CsvException(file + ":" + line + ": column " + column + ": cannot convert '" + raw + "': "
                        + reason(e), e);
            }
        }
        return new CsvRow(file, line, Collections.unmodifiableMap(values));
    }

    /** Why a converter failed, in words: a NumberFormatException's own message is Java's, and its name a class's. */
    static String reason(RuntimeException e) {
        return e instanceof NumberFormatException ? "not a number"
                : e.getMessage() != null ? e.getMessage() : "the conversion failed";
    }

    @Override
    public void onComplete(Emitter<CsvRow> out) {
        for (Map.Entry<Path, FileState> e : files.entrySet()) {
            if (e.getValue().inQuotes) {
                throw new CsvException(e.getKey() + ":" + e.getValue().startLine + ": unterminated quoted field");
            }
        }
    }
}
