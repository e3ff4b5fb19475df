// Entry point of dist/live-plot.js: defines <live-plot> and exports the types job authors use.
import { LivePlot } from "./live-plot/live-plot.js";

// A page may load the script twice; the second copy must not throw "already defined".
if (!customElements.get("live-plot")) customElements.define("live-plot", LivePlot);

export { LivePlot };
export { LivePlotError } from "../protocol/index.js";
export type * from "../protocol/types.js";
export type { ErrorCode, ErrorInfo } from "../protocol/index.js";
