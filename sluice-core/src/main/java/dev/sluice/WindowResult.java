package dev.sluice;

import java.time.Instant;

/**
 * The aggregate of one key over one window.
 *
 * @param key the key
 * @param start inclusive start of the window
 * @param end exclusive end of the window
 * @param value the aggregate
 * @param update false for the first result of a window; true for a corrected result emitted
 *     because a late item arrived within the allowed lateness
 */
public record WindowResult<K, R>(K key, Instant start, Instant end, R value, boolean update) {}
