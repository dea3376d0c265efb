/**
 * The logical graph of a pipeline as records: {@link dev.sluice.yaml.spec.PipelineSpec} of
 * {@link dev.sluice.yaml.spec.NodeSpec}s and {@link dev.sluice.yaml.spec.EdgeSpec}s, with the
 * composite types they use. A pipeline file is parsed into a spec and validated; runners compile
 * the spec, never the file, so the embedded engine and another engine (Flink) run the same graph,
 * and tools (graph drawing, {@code sluice validate}) read it without opening any connector. The
 * records hold plain values only (text, numbers, durations, paths), so a spec can be written out
 * or shipped.
 */
package dev.sluice.yaml.spec;
