/**
 * Pipeline files: YAML read into a logical graph ({@link dev.sluice.yaml.spec.PipelineSpec}),
 * validated as a whole against the registered node types ({@link dev.sluice.yaml.NodeTypes}), and
 * compiled onto the embedded engine ({@link dev.sluice.yaml.PipelineFile#build}). Test files of
 * pipeline files ({@link dev.sluice.yaml.TestFile}) share the same reader. The YAML is read as a
 * node tree, never bound to classes, so every problem keeps its file, line and column, and a file
 * can only name what a node type provides.
 */
package dev.sluice.yaml;
