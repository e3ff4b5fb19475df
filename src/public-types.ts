// The package's type declarations (dist/types/public-types.d.ts): the element's public surface and
// the job contract, as types that need neither BokehJS's nor Lit's. The runtime is dist/live-plot.js.
import type { LivePlotConstructor, LivePlotElement, LivePlotEventMap } from "./ui/live-plot/api.js";

export type * from "./protocol/types.js";
export type { ErrorCode, ErrorInfo } from "./protocol/errors.js";
export type { BuiltinJob } from "./protocol/jobs.js";
export type { Backend } from "./ui/bokeh/backends.js";
export { LivePlotError } from "./protocol/errors.js";
export type { LivePlotConstructor, LivePlotElement, LivePlotEventMap };

export declare const LivePlot: LivePlotConstructor;

declare global {
  /** The element's class, also on the page's global object once dist/live-plot.js has run. */
  var LivePlot: LivePlotConstructor;
  interface HTMLElementTagNameMap {
    "live-plot": LivePlotElement;
  }
  // Typed listeners: el.addEventListener("live-plot-stats", (e) => e.detail.fps).
  interface HTMLElementEventMap extends LivePlotEventMap {}
}
