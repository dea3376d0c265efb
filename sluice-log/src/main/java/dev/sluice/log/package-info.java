/**
 * The durable stream log (minibatch and omega|ml streams): named streams that producers in any
 * process append to and consumer groups read as windows, at least once, or exactly once from
 * stream to stream. {@link dev.sluice.log.StreamLog} opens one: embedded (SQLite, no server), in
 * memory, or on another backend of {@link dev.sluice.log.spi}.
 */
package dev.sluice.log;
