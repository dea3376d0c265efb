/**
 * The {@code avro.*} node types of pipeline files, on {@link dev.sluice.avro.AvroCodec}. Public
 * classes only so that {@link java.util.ServiceLoader} can make them; the package is not exported.
 */
package dev.sluice.avro.nodes;
