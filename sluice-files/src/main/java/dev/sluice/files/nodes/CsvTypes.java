package dev.sluice.files.nodes;

import dev.sluice.Emitter;
import dev.sluice.Processor;
import dev.sluice.Row;
import dev.sluice.files.Csv;
import dev.sluice.files.CsvCodec;
import dev.sluice.files.Line;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.ProcessorType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** The {@code csv.*} node types of pipeline files, built on {@link Csv}. */
public final class CsvTypes {
    private CsvTypes() {}

    /** {@code csv.parse}: lines of CSV files to rows, the first line of each file its header. */
    public static final class Parse extends AbstractNodeType implements ProcessorType {
        /** For the service loader. */
        public Parse() {
            super("csv.parse", "parses CSV lines (from files.lines) into rows; the first line is the header",
                    OptionSpec.optional("delimiter", OptionType.CHAR, ",", "field separator"),
                    OptionSpec.optional("quote", OptionType.CHAR, "\"", "quote character"),
                    OptionSpec.optional("types", OptionType.MAPPING, null,
                            "column types, each 'column: int', double, bool, text or time; 'int?' may be empty, 'int = 0' defaults"),
                    OptionSpec.optional("columns", OptionType.LIST, "",
                            "the column names of files without a header line (then every line is data)"),
                    OptionSpec.optional("max-record", OptionType.INT, "1048576",
                            "the most characters of a record whose quoted field spans lines: beyond, it fails for on_error"
                                    + " (an unterminated quote) and parsing goes on at the next line").between(1, 1 << 30));
        }

        @Override
        public void check(NodeOptions o) {
            if (o.has("types")) {
                o.mapping("types").forEach(ColumnTypes::converter);
            }
        }

        @Override
        public Processor<Object, ?> create(NodeOptions o) {
            Csv.Builder builder = Csv.parser().delimiter(o.character("delimiter")).quote(o.character("quote"))
                    .maxRecord((int) o.integer("max-record"));
            if (!o.list("columns").isEmpty()) {
                builder.columns(o.list("columns").toArray(String[]::new));
            }
            if (o.has("types")) {
                ColumnTypes.apply(o.mapping("types"), builder);
            }
            Processor<Line, Row> parser = builder.build().mapOutput(r -> Row.of(r.values()));
            return parser.mapInput(item -> {
                if (item instanceof Line line) {
                    return line;
                }
                throw new IllegalArgumentException("csv.parse takes lines of a file (files.read, files.lines), whose first"
                        + " line is the header, not " + item);
            });
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return Set.of(ItemType.LINE);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.ROW;
        }

        @Override
        public Object testInput(String text, int index) {
            // the inputs of a test are the lines of one file, so the first is the header
            return new Line(Path.of("test-input"), index, text);
        }
    }

    /**
     * {@code csv.format}: rows to CSV lines (RFC 4180 quoting), a header line first: the other way
     * of {@code csv.parse}, for {@code files.write}.
     */
    public static final class Format extends AbstractNodeType implements ProcessorType {
        /** For the service loader. */
        public Format() {
            super("csv.format", "formats rows as CSV lines, a header line first, for files.write",
                    OptionSpec.optional("columns", OptionType.STRING, "",
                            "the columns, in order, separated by commas; empty: the first row's fields"),
                    OptionSpec.optional("header", OptionType.BOOLEAN, "true", "write the column names first"),
                    OptionSpec.optional("delimiter", OptionType.CHAR, ",", "field separator"),
                    OptionSpec.optional("quote", OptionType.CHAR, "\"", "quote character"));
        }

        @Override
        public Processor<Object, ?> create(NodeOptions o) {
            String given = o.string("columns");
            return new Processor<Object, String>() {
                private CsvCodec codec;
                private String[] columns;

                @Override
                public void process(Object item, Emitter<String> out) {
                    Map<String, Object> row = fields(item);
                    if (codec == null) {
                        columns = given.isBlank() ? row.keySet().toArray(String[]::new)
                                : Arrays.stream(given.split(",")).map(String::trim).toArray(String[]::new);
                        codec = Csv.parser().delimiter(o.character("delimiter")).quote(o.character("quote"))
                                .columns(columns).codec();
                        if (o.bool("header")) {
                            Map<String, Object> names = new LinkedHashMap<>();
                            for (String c : columns) {
                                names.put(c, c);
                            }
                            out.emit(text(codec.encode(names)));
                        }
                    }
                    for (String c : columns) {
                        if (!row.containsKey(c)) {
                            throw new IllegalArgumentException("no column '" + c + "' in " + Row.json(row));
                        }
                    }
                    out.emit(text(codec.encode(row)));
                }
            };
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return Set.of(ItemType.ROW);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.TEXT;
        }

        /** A row's fields, nested objects and lists (from json.decode) as their JSON. */
        private static Map<String, Object> fields(Object item) {
            if (item instanceof Map<?, ?> m) {
                Map<String, Object> fields = new LinkedHashMap<>();
                m.forEach((k, v) -> fields.put(String.valueOf(k), v instanceof Map<?, ?> || v instanceof Collection<?>
                        ? Row.text(v) : v));
                return fields;
            }
            throw new IllegalArgumentException("csv.format takes rows (csv.parse, json.decode, as: row), not " + item);
        }

        private static String text(byte[] utf8) {
            return new String(utf8, StandardCharsets.UTF_8);
        }
    }
}
