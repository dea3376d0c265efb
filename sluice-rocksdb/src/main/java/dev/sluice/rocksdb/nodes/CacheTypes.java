package dev.sluice.rocksdb.nodes;

import dev.sluice.Codec;
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
import dev.sluice.nodetype.SinkType;
import dev.sluice.rocksdb.Cache;
import java.util.Set;

/** {@code cache.write}: keyed messages into a RocksDB state cache (snapstream's {@code Cache} as a sink). */
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
                    cache = synced ? Cache.openSynced(o.path("directory"), Codec.utf8(), Codec.utf8())
                            : Cache.open(o.path("directory"));
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
                        cache.close();
                    }
                }
            };
        }
    }
}
