/**
 * Checkpoints: consistent cuts of a running pipeline, for exactly-once state. Barriers follow the
 * items a source emitted, in band, through every queue; each stateful node adds its state as the
 * barrier passes, each {@link dev.sluice.checkpoint.Transactional} sink what it wrote since the
 * last one; when the barrier has passed every node the {@link dev.sluice.checkpoint.CheckpointStore}
 * commits all of it with the input positions it covers, in one step. On start the pipeline restores
 * its nodes from the last complete checkpoint.
 */
package dev.sluice.checkpoint;
