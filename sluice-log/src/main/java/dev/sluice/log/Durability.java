package dev.sluice.log;

/** When an acknowledged append reaches the disk. */
public enum Durability {
    /** fsync before every commit returns: an acknowledged record survives a power cut. The default. */
    EVERY_COMMIT,
    /**
     * A commit survives a crash of the process at once, and of the operating system after the next
     * periodic checkpoint ({@link StreamLog.Options#checkpointEvery}); faster for single appends.
     */
    PERIODIC
}
