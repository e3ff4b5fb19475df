// Type-checked against the installed package's declarations: the element, its events, the job contract.
import type { JobFactory, LivePlotElement, PlotStats } from "live-plot";
import { LivePlot } from "live-plot";

const plot: LivePlotElement | null = document.querySelector("live-plot");
plot?.addEventListener("live-plot-stats", (event) => {
  const stats: PlotStats = event.detail;
  console.log(stats.fps.toFixed(1));
});
void plot?.step(2);
LivePlot.engineUrl = "/live-plot.worker.js";

export const constant: JobFactory = () => ({
  scene: { sources: { s: { columns: { x: "f64", y: "f64" }, capacity: 2 } }, glyphs: [{ kind: "line", source: "s", x: "x", y: "y" }] },
  advance() {},
  write(frame) {
    frame.s!.columns.x![0] = 0;
    frame.s!.length = 1;
  },
  snapshot: () => ({}),
  counters: () => ({ steps: 0 }),
});
