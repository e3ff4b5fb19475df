// Entry point of dist/live-plot.js: defines <live-plot> and exports the types job authors use.
import { LivePlot } from "./live-plot/live-plot.js";

// A page may load the script twice (two URLs, two copies): the second must not throw "already
// defined", and says once that it stays unused.
const defined = customElements.get("live-plot");
if (!defined) {
  customElements.define("live-plot", LivePlot);
  // For pages without a bundler: LivePlot.allowedOrigins, LivePlot.engineUrl… from any script.
  Object.assign(globalThis, { LivePlot });
} else if (defined !== LivePlot) console.warn("live-plot: <live-plot> is already defined by another copy of live-plot.js; this copy stays unused");

export { LivePlot };
export { LivePlotError } from "../protocol/index.js";
export type * from "../protocol/types.js";
export type { ErrorCode, ErrorInfo } from "../protocol/index.js";
