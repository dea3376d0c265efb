package dev.sluice.rocksdb.nodes;

import dev.sluice.Emitter;
import dev.sluice.NodeContext;
import dev.sluice.Pair;
import dev.sluice.Processor;
import dev.sluice.nodetype.AbstractNodeType;
import dev.sluice.nodetype.Delivery;
import dev.sluice.nodetype.ItemType;
import dev.sluice.nodetype.NodeOptions;
import dev.sluice.nodetype.OptionSpec;
import dev.sluice.nodetype.OptionType;
import dev.sluice.nodetype.ProcessorType;
import dev.sluice.nodetype.SinkType;
import dev.sluice.rocksdb.Cache;
import java.util.Set;

/**
 * {@code cache.write} and {@code cache.read}: keyed messages into a RocksDB state cache
 * (snapstream's {@code Cache} as a sink), and rows enriched from one. Nodes of one process on the
 * same directory share one open cache.
 */
public final class CacheTypes {
    private CacheTypes() {}

    /**
     * {@code cache.write}: each keyed message (from {@code json.encode} with {@code key}) stored
     * under its key, the last value winning. A write is in RocksDB's log when the node returns, so
     * it survives the process being killed; with {@code synced: true} it is fsynced too.
     */
    public static final class Write extends AbstractNodeType implements SinkType {
        /** For the service loader. */
        public Write() {
            super("cache.write",
                    "stores each keyed message (json.encode with key) in a RocksDB cache under its key; sluice cache reads it",
                    OptionSpec.required("directory", OptionType.PATH, "the cache's directory (made if missing)"),
                    OptionSpec.optional("synced", OptionType.BOOLEAN, "false",
                            "true: fsync every write (survives power loss, slower)"));
        }

        /** The last value of a key wins, so writing again what a replay makes changes nothing. */
        @Override
        public Delivery delivery(NodeOptions o) {
            return Delivery.IDEMPOTENT;
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return Set.of(ItemType.MESSAGE);
        }

        @Override
        public Processor<Object, Void> create(NodeOptions o) {
            boolean synced = o.bool("synced");
            return new Processor<Object, Void>() {
                private Cache<String, String> cache;

                @Override
                public void onStart(NodeContext context) {
                    cache = SharedCaches.acquire(o.path("directory"), synced);
                }

                @Override
                public void process(Object item, Emitter<Void> out) {
                    if (!(item instanceof Pair<?, ?> keyed) || keyed.first() == null) {
                        throw new IllegalArgumentException("cache.write stores keyed messages (json.encode or message"
                                + " with key), not " + item);
                    }
                    if (keyed.second() == null) {
                        cache.delete(String.valueOf(keyed.first())); // a tombstone deletes, as in a compacted topic
                    } else {
                        cache.put(String.valueOf(keyed.first()), String.valueOf(keyed.second()));
                    }
                }

                @Override
                public void onStop() {
                    if (cache != null) {
                        SharedCaches.release(o.path("directory"));
                        cache = null;
                    }
                }
            };
        }
    }

    /**
     * {@code cache.read}: enriches each row with the value a RocksDB cache holds under a key
     * computed from the row, as a lookup: a field gets the value's text ({@code json.decode} with
     * {@code field} turns a JSON value into a row), or a default on a miss.
     */
    public static final class Read extends AbstractNodeType implements ProcessorType {
        /** For the service loader. */
        public Read() {
            super("cache.read", "enriches each row with the value a RocksDB cache holds under its key",
                    OptionSpec.required("directory", OptionType.PATH, "the cache's directory"),
                    OptionSpec.optional("key", OptionType.STRING, null, "the field whose text is the key"),
                    OptionSpec.optional("key-expression", OptionType.STRING, null, "an expression giving the key, instead of 'key'"),
                    OptionSpec.optional("into", OptionType.STRING, "cached", "the field that receives the value"),
                    OptionSpec.optional("default", OptionType.STRING, null, "the value a miss gives"),
                    OptionSpec.optional("miss", OptionType.STRING, "null",
                            "without 'default', what a miss does: null (the field is null), drop (the row), or fail (for on_error)")
                            .matching("null|drop|fail", "null, drop or fail"));
        }

        @Override
        public void check(NodeOptions o) {
            key(o);
        }

        /** The key of a row: a field or an expression, exactly one of them. */
        private static java.util.function.Function<Object, Object> key(NodeOptions o) {
            if (o.has("key") == o.has("key-expression")) {
                throw new IllegalArgumentException("needs 'key' (a field) or 'key-expression', one of them");
            }
            if (o.has("key-expression")) {
                return dev.sluice.expression.ExpressionLanguage.compileOption("key-expression", null,
                        o.string("key-expression"), dev.sluice.expression.ExpressionLanguage.ResultType.VALUE)::evaluate;
            }
            String field = o.string("key");
            return row -> dev.sluice.Row.field(row, field);
        }

        @Override
        public Processor<Object, ?> create(NodeOptions o) {
            var key = key(o);
            String into = o.string("into");
            String fallback = o.has("default") ? o.string("default") : null;
            String miss = o.string("miss");
            return new Processor<Object, Object>() {
                private Cache<String, String> cache;

                @Override
                public void onStart(NodeContext context) {
                    cache = SharedCaches.acquire(o.path("directory"), null);
                }

                @Override
                public void process(Object item, Emitter<Object> out) {
                    if (!(item instanceof java.util.Map<?, ?> fields)) {
                        throw new IllegalArgumentException("cache.read enriches rows, not " + dev.sluice.Row.text(item));
                    }
                    Object k = key.apply(item);
                    String value = k == null ? null : cache.get(dev.sluice.Row.text(k)).orElse(null);
                    if (value == null && fallback == null) {
                        if (miss.equals("drop")) {
                            return;
                        }
                        if (miss.equals("fail")) {
                            throw new IllegalArgumentException("no value in the cache under '" + dev.sluice.Row.text(k) + "'");
                        }
                    }
                    dev.sluice.Row row = new dev.sluice.Row();
                    fields.forEach((name, v) -> row.put(String.valueOf(name), v));
                    row.put(into, value != null ? value : fallback);
                    out.emit(row);
                }

                @Override
                public void onStop() {
                    if (cache != null) {
                        SharedCaches.release(o.path("directory"));
                        cache = null;
                    }
                }
            };
        }

        @Override
        public Set<ItemType> consumes(NodeOptions o) {
            return Set.of(ItemType.ROW);
        }

        @Override
        public ItemType produces(NodeOptions o) {
            return ItemType.ROW;
        }
    }
}
