// uPlot as the peer a person would reach for when BokehJS is too slow: the same job on the main
// thread, every point handed to uPlot's setData each animation frame. Lines over one shared x go
// through uPlot's usual mode; others (a trail, lines from several sources) through its mode 2, each
// series with its own x.
import uPlot from "uplot";
import { GLYPH_COLORS, LivePlotError, type GlyphSpec, type RangeSpec, type Scene } from "../../../src/protocol/index.js";
import { animate, createJobs } from "./main-thread.js";
import { plotSize, plotBox, type MountMode } from "./mode.js";

type XYGlyph = Exclude<GlyphSpec, { kind: "image" }>;

/** The glyphs uPlot can draw: one panel of lines and points. Throws, saying what does not fit, otherwise. */
function xyGlyphs(scene: Scene): XYGlyph[] {
  const unfit = (why: string) => new LivePlotError("invalid-module", `uPlot draws lines and points in one panel; this job ${why}`);
  if (scene.panels?.length) throw unfit("has more than one panel");
  const xy = scene.glyphs.filter((glyph): glyph is XYGlyph => glyph.kind !== "image");
  if (xy.length !== scene.glyphs.length) throw unfit("draws an image");
  return xy;
}

/** Glyphs that all read one source's one x column share it (uPlot's usual mode); others need a pair of columns each (its mode 2). */
const sharesX = (glyphs: XYGlyph[]) => glyphs.every((glyph) => glyph.source === glyphs[0]!.source && glyph.x === glyphs[0]!.x);

/** Mode 2's data: no shared x, then an [x, y] pair per series (uPlot's types describe mode 1's only). */
const modeTwoData = (pairs: ReturnType<typeof withGaps>[][]) => [null, ...pairs] as unknown as uPlot.AlignedData;

/**
 * A column as uPlot takes it: NaN breaks a line in a scene, null does over a shared x. A column with
 * NaN in it is copied with null there (work a uPlot user would do too); one without goes as it is.
 * uPlot's mode 2 draws no gaps: a job whose lines break is refused there.
 */
function withGaps(column: Float64Array | Uint32Array, sharedX: boolean): uPlot.TypedArray | (number | null)[] {
  if (!column.some(Number.isNaN)) return column;
  if (!sharedX) throw new LivePlotError("invalid-module", "uPlot draws lines of their own x (its mode 2) without gaps; this job breaks its lines with NaN");
  return Array.from(column, (value) => (Number.isNaN(value) ? null : value));
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
  const shared = sharesX(glyphs);
  const facets: uPlot.Series.Facet[] = [
    { scale: "x", auto: true },
    { scale: "y", auto: true },
  ];
  const options: uPlot.Options = {
    ...size,
    mode: shared ? 1 : 2,
    legend: { show: false },
    cursor: { show: false },
    scales: { x: { time: false, ...scale(scene.xRange) }, y: scale(scene.yRange) },
    series: [
      {},
      ...glyphs.map((glyph, index): uPlot.Series => ({
        stroke: glyph.color ?? GLYPH_COLORS[index % GLYPH_COLORS.length],
        ...(shared ? {} : { facets }),
        ...(glyph.kind === "line"
          ? { width: glyph.width ?? 1.5, points: { show: false }, ...(shared ? {} : { paths: uPlot.paths.linear!() }) }
          : { fill: glyph.color ?? GLYPH_COLORS[index % GLYPH_COLORS.length], paths: uPlot.paths.points!(), points: { show: false, size: glyph.size ?? 5, width: 0 } }),
      })),
    ],
  };
  // Mode 2 reads its series' data as it is built: start with empty pairs.
  const empty = shared ? undefined : modeTwoData(glyphs.map(() => [[], []]));
  const plots = jobs.map(() => new uPlot(options, empty, plotBox(stage)));
  const running = animate(jobs, (i, now) => {
    const frame = jobs[i]!.frame(now);
    const column = (source: string, name: string) => withGaps(frame[source]!.columns[name]!.subarray(0, frame[source]!.length), shared);
    const data = shared
      ? ([column(glyphs[0]!.source, glyphs[0]!.x), ...glyphs.map((glyph) => column(glyph.source, glyph.y))] as uPlot.AlignedData)
      : modeTwoData(glyphs.map((glyph) => [column(glyph.source, glyph.x), column(glyph.source, glyph.y)]));
    plots[i]!.setData(data);
  });
  return {
    ...running,
    dispose() {
      running.dispose();
      for (const plot of plots) plot.destroy();
    },
  };
};
