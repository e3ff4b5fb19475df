// dist/live-plot.node.js, what `import "live-plot"` gives where there is no DOM (the "node" export
// condition: server rendering, Node scripts): the same names as dist/live-plot.js, defining nothing
// and touching no DOM global. <live-plot> comes alive in the browser, from the real bundle.
export { LivePlotError } from "../protocol/errors.js";

/** A stand-in for the element's class: its statics can be set (and are ignored); constructing it throws. */
export class LivePlot {
  static engineUrl: string | undefined = undefined;
  static allowedOrigins: string[] = [];
  static callTimeoutMs = 15000;
  static resources(): { workers: number; documents: number } {
    return { workers: 0, documents: 0 };
  }
  constructor() {
    throw new Error("live-plot: <live-plot> needs a browser; this is the package's stand-in for a JavaScript runtime without a DOM");
  }
}
