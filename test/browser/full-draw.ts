// The comparison drawing for the reduction tests: a data set drawn in full by the same BokehJS plot
// code the element uses, with no reduction between the points and BokehJS.
import type { PanelRanges } from "../../src/protocol/index.js";
import { THEME_PROPERTIES, type PlotTheme } from "../../src/ui/bokeh/figure.js";
import { BokehPlot } from "../../src/ui/bokeh/plot.js";
// @ts-expect-error: a plain JavaScript module shared with the job module.
import { makeSeries, seriesScene } from "../pages/jobs/series-data.js";

const theme = Object.fromEntries(Object.entries(THEME_PROPERTIES).map(([key, [, fallback]]) => [key, fallback])) as unknown as PlotTheme;

/**
 * Draws makeSeries(kind, n, seed) in full into `container`, showing `ranges` (default: the scene's);
 * `empty`: the same plot with no points, to tell the line's pixels from the rest.
 */
async function drawFull(container: HTMLElement, kind: string, n: number, seed: number, width: number, height: number, ranges?: PanelRanges, empty = false): Promise<void> {
  const data = makeSeries(kind, n, seed);
  const scene = seriesScene(data);
  const options = { width, height, backend: "canvas" as const, tools: false, theme, title: undefined, xLabel: undefined, yLabel: undefined, xRange: ranges?.x, yRange: ranges?.y };
  const plot = await BokehPlot.mount(container, scene, options);
  await plot.apply({ s: { length: empty ? 0 : n, columns: data } }, [ranges ?? { x: scene.xRange, y: scene.yRange }]);
}

Object.assign(window, { drawFull });
