/** JSON through Jackson as a {@link dev.sluice.Codec}: {@link dev.sluice.json.JsonCodec}. */
package dev.sluice.json;
