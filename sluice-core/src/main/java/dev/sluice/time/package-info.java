/**
 * Time as a dependency. Every operator that reads the time or waits for it goes through a
 * {@link dev.sluice.time.Clock}, so that tests can run windows, timeouts and rate limits on a
 * {@link dev.sluice.time.VirtualClock} instead of the wall clock, deterministically and without
 * sleeping.
 */
package dev.sluice.time;
