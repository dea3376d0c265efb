/**
 * Avro for the codec vocabulary of Sluice: {@link dev.sluice.avro.AvroCodec} reads and writes
 * generic, specific and reflected records, plain or in single-object encoding, and older versions
 * of a schema. The {@code avro.*} node types are built on it.
 */
package dev.sluice.avro;
