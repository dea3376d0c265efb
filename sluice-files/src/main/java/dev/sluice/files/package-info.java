/**
 * File nodes, nanostream's built-ins and more: {@link dev.sluice.files.FileNodes} makes directory
 * watches, readers, tails and line sinks (their implementations are package-private), and
 * {@link dev.sluice.files.Csv} parses RFC 4180 CSV with errors that name file and line.
 */
package dev.sluice.files;
