// uPlot as the peer a person would reach for when BokehJS is too slow: the same job on the main
// thread, every point handed to uPlot's setData each animation frame.
import uPlot from "uplot";
import { LivePlotError, type GlyphSpec, type RangeSpec, type Scene } from "../../../src/protocol/index.js";
import { animate, createJobs } from "./main-thread.js";
import { plotSize, plotBox, type MountMode } from "./mode.js";

type XYGlyph = Exclude<GlyphSpec, { kind: "image" }>;

/**
 * uPlot draws series over one shared x: the scenes it can take have one panel of lines and points,
 * all from one source and one x column. Answers those glyphs, or throws saying what does not fit.
 */
function xyGlyphs(scene: Scene): XYGlyph[] {
  const glyphs = scene.glyphs;
  const unfit = (why: string) => new LivePlotError("invalid-module", `uPlot draws series over one shared x; this job ${why}`);
  if (scene.panels?.length) throw unfit("has more than one panel");
  const xy = glyphs.filter((glyph): glyph is XYGlyph => glyph.kind !== "image");
  if (xy.length !== glyphs.length) throw unfit("draws an image");
  const [first] = xy;
  if (!first || xy.some((glyph) => glyph.source !== first.source || glyph.x !== first.x)) throw unfit("draws from more than one source or x column");
  return xy;
}

const scale = (range: RangeSpec | undefined): uPlot.Scale => (range === undefined || range === "auto" ? { auto: true } : { auto: false, range: [range[0], range[1]] });

export const mountUPlot: MountMode = async (stage, scenario) => {
  const size = plotSize(scenario.plots);
  const ratio = devicePixelRatio || 1;
  const jobs = await createJobs(scenario, { width: Math.round(size.width * ratio), height: Math.round(size.height * ratio) });
  const scene = jobs[0]!.scene;
  let glyphs: XYGlyph[];
  try {
    glyphs = xyGlyphs(scene);
  } catch (error) {
    for (const job of jobs) job.dispose();
    throw error;
  }
  const options: uPlot.Options = {
    ...size,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, ...scale(scene.xRange) }, y: scale(scene.yRange) },
    series: [
      {},
      ...glyphs.map((glyph) =>
        glyph.kind === "line"
          ? { stroke: glyph.color ?? "#1f77b4", width: glyph.width ?? 1.5, points: { show: false } }
          : { stroke: glyph.color ?? "#1f77b4", paths: () => null, points: { show: true, size: glyph.size ?? 5 } },
      ),
    ],
  };
  const plots = jobs.map(() => new uPlot(options, undefined, plotBox(stage)));
  const source = glyphs[0]!.source;
  const running = animate(jobs, (i, now) => {
    const part = jobs[i]!.frame(now)[source]!;
    const column = (name: string) => part.columns[name]!.subarray(0, part.length);
    plots[i]!.setData([column(glyphs[0]!.x), ...glyphs.map((glyph) => column(glyph.y))]);
  });
  return {
    ...running,
    dispose() {
      running.dispose();
      for (const plot of plots) plot.destroy();
    },
  };
};
