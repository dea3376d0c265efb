package dev.sluice.cli;

import dev.sluice.config.NodeOptions;

/** Options as parsed, with access to the converted value, so composites can pass them on as they are. */
interface PipelineFileOptions extends NodeOptions {
    Object rawValue(String option);
}
