package dev.sluice.rocksdb;

/** A RocksDB operation failed; the message says which and where. */
public final class CacheException extends RuntimeException {
    /** @param message what failed @param cause RocksDB's exception */
    public CacheException(String message, Throwable cause) {
        super(message, cause);
    }
}
