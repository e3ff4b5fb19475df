// A line that zigzags through every pixel column is painted as column spans: ink exactly where the
// full line goes (to within a pixel), solid between its lowest and highest point in each column,
// nothing across a break; a smooth line is not dense and stays a vector line, in the engine too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { GLYPH_COLORS, type Scene } from "../../src/protocol/index.js";
import { seededRandom } from "../../src/worker/numerics/random.js";
import { FrameReducer } from "../../src/worker/reduction/frame-reducer.js";
import { m4, m4Capacity } from "../../src/worker/reduction/m4.js";
import { SpanPainter } from "../../src/worker/reduction/spans.js";
import { toPixel } from "../../src/worker/reduction/view.js";
import { axesOf, drawn, fakeJob, frameSource, seriesOf, strayPixels, type Points } from "./reduction-helpers.js";

const COLOR = 0xff0000ff;
const [WIDTH, HEIGHT] = [200, 100];

/** `n` points across [0, 1): a slow wave under noise of `noise` (a band when the noise is large). */
function noisy(n: number, noise: number, seed = 5): Points {
  const random = seededRandom(seed);
  const xs = Float64Array.from({ length: n }, (_, i) => i / n);
  const ys = Float64Array.from(xs, (x) => Math.sin(6 * x) + noise * (random() - 0.5));
  return { xs, ys };
}

function reduced(points: Points, axes = axesOf([0, 1], [-1.5, 1.5], WIDTH, HEIGHT)) {
  const capacity = m4Capacity(WIDTH);
  const [xs, ys] = [new Float64Array(capacity), new Float64Array(capacity)];
  const n = m4(seriesOf(points), "x", "y", axes.x, xs, ys);
  return { xs, ys, n, axes };
}

function painted(points: Points, lineWidth = 1) {
  const { xs, ys, n, axes } = reduced(points);
  const painter = new SpanPainter({ width: WIDTH, height: HEIGHT }, lineWidth);
  const layer = frameSource({ rgba: "u32" }, WIDTH * HEIGHT);
  painter.paint(xs, ys, n, axes, COLOR, layer);
  return { layer, axes, dense: painter.dense(ys, n, axes) };
}

test("spans: a band of noise is dense and lights the pixels the full line lights, to within a pixel", () => {
  const points = noisy(100_000, 1);
  const { layer, axes, dense } = painted(points);
  assert.equal(dense, true);
  assert.deepEqual(layer.image, { width: WIDTH, height: HEIGHT, x: 0, y: -1.5, dw: 1, dh: 3 });
  const ink = Uint8Array.from(layer.columns.rgba!.subarray(0, WIDTH * HEIGHT), (pixel) => (pixel >>> 24 > 0 ? 1 : 0));
  assert.deepEqual(strayPixels(ink, drawn(points, axes), WIDTH), { aStray: 0, bStray: 0 });
});

test("spans: each column is solid from its lowest to its highest point, with partial alpha only at the two ends", () => {
  const points = noisy(50_000, 1, 9);
  const { layer, axes } = painted(points, 1);
  const rgba = layer.columns.rgba!;
  const px = (i: number) => toPixel(axes.x, points.xs[i]!);
  const py = (i: number) => toPixel(axes.y, points.ys[i]!);
  const columnOf = (i: number) => Math.floor(px(i));
  for (let c = 1; c < WIDTH - 1; c++) {
    // The column's own points, and where the joins from the column before and to the one after cross its edges.
    const own = [...points.xs.keys()].filter((i) => columnOf(i) === c);
    const [first, last] = [own[0]!, own[own.length - 1]!];
    const atEdge = (a: number, b: number, x: number) => py(a) + ((py(b) - py(a)) * (x - px(a))) / (px(b) - px(a));
    const reached = [...own.map(py), atEdge(first - 1, first, c), atEdge(last, last + 1, c + 1)];
    const [low, high] = [Math.min(...reached), Math.max(...reached)];
    const alphas = [...Array(HEIGHT).keys()].map((row) => rgba[row * WIDTH + c]! >>> 24);
    for (let row = Math.ceil(low); row < Math.floor(high); row++) assert.equal(alphas[row], 255, `column ${c}, row ${row}`);
    // Widened by half the line's width (half a pixel here) and no further.
    alphas.forEach((alpha, row) => assert.ok(alpha === 0 || (row + 1 > low - 0.5 && row < high + 0.5), `column ${c}: ink in row ${row} outside ${low}–${high}`));
    assert.ok(alphas.filter((alpha) => alpha > 0 && alpha < 255).length <= 2, `column ${c}: partly covered rows only at the ends`);
  }
});

test("spans: a line wider than a pixel reaches into the columns beside, as its stroke would", () => {
  // Flat at 0, with one spike to 1 in the middle of column 100.
  const xs = Float64Array.from({ length: 2000 }, (_, i) => (i + 0.5) / 2000);
  const ys = Float64Array.from(xs, (x) => (Math.floor(x * WIDTH) === 100 && Math.round(x * 2000) % 10 === 5 ? 1 : 0));
  const top = (lineWidth: number, c: number) => {
    const rgba = painted({ xs, ys }, lineWidth).layer.columns.rgba!;
    return Math.max(...[...Array(HEIGHT).keys()].filter((row) => rgba[row * WIDTH + c]! >>> 24 > 0));
  };
  const spikeRow = Math.floor(toPixel(axesOf([0, 1], [-1.5, 1.5], WIDTH, HEIGHT).y, 1));
  assert.equal(top(1, 100), spikeRow, "the spike's own column");
  assert.ok(top(1, 101) < spikeRow - 10, "a 1-pixel line stays in its column");
  assert.equal(top(2, 101), spikeRow + 1, "a 2-pixel line reaches the column beside, a pixel above the spike too");
  assert.ok(top(2, 102) < spikeRow - 10, "and no further");
});

test("spans: a smooth line is not dense; a break leaves its columns empty", () => {
  const smooth = reduced(noisy(100_000, 0));
  assert.equal(new SpanPainter({ width: WIDTH, height: HEIGHT }, 1).dense(smooth.ys, smooth.n, smooth.axes), false);
  const points = noisy(100_000, 1);
  // A gap of NaN from x = 0.4 to 0.6: columns 81 to 118 hold no point.
  for (let i = 40_000; i < 60_000; i++) points.ys[i] = Number.NaN;
  const rgba = painted(points).layer.columns.rgba!;
  for (let c = 81; c <= 118; c++) for (let row = 0; row < HEIGHT; row++) assert.equal(rgba[row * WIDTH + c], 0, `column ${c}, row ${row}`);
  assert.ok([...Array(HEIGHT).keys()].some((row) => rgba[row * WIDTH + 79] !== 0), "the column before the gap has ink");
});

test("the engine draws a dense append line as spans in its raster layer, a smooth one as a vector line", () => {
  const scene: Scene = {
    sources: { s: { columns: { x: "f64", y: "f64" }, capacity: 100_000, mode: "append" } },
    glyphs: [{ kind: "line", source: "s", x: "x", y: "y", name: "s" }],
  };
  for (const [noise, dense] of [[1, true], [0, false]] as const) {
    const reducer = new FrameReducer(scene, { width: WIDTH, height: HEIGHT });
    const points = noisy(100_000, noise);
    let written = 0;
    const job = fakeJob(scene, (frame) => {
      const s = frame.s!;
      s.length = Math.min(s.columns.x!.length, points.xs.length - written);
      s.columns.x!.set(points.xs.subarray(written, written + s.length));
      s.columns.y!.set(points.ys.subarray(written, written + s.length));
      written += s.length;
    });
    reducer.take(job);
    const out = Object.fromEntries(Object.entries(reducer.scene.sources).map(([name, spec]) => [name, frameSource(spec.columns, spec.capacity)]));
    reducer.reduce(out);
    const [vector, raster] = [out.p0g0!, out.p0g0r!];
    assert.equal(vector.length === 0, dense, `noise ${noise}: vector points ${vector.length}`);
    assert.equal(raster.length, dense ? WIDTH * HEIGHT : 0, `noise ${noise}: raster`);
    if (dense) assert.ok(raster.columns.rgba!.some((pixel) => pixel === (0xff000000 | 0xb4771f) >>> 0), `painted in the glyph's colour ${GLYPH_COLORS[0]}`);
  }
});

/** The alpha of each row of column `c` of a layer `width` wide. */
const alphas = (rgba: ArrayLike<number>, width: number, height: number, c: number) => Array.from({ length: height }, (_, row) => rgba[row * width + c]! >>> 24);

test("spans, pixel by pixel: a vertical stroke's ends are partly covered; a sloped one covers in each column what it crosses there", () => {
  // A 40 × 40 view of [0, 40] × [0, 40]: data units are pixels.
  const axes = axesOf([0, 40], [0, 40], 40, 40);
  const paint = (points: [number, number][], lineWidth = 1) => {
    const layer = frameSource({ rgba: "u32" }, 1600);
    new SpanPainter({ width: 40, height: 40 }, lineWidth).paint(Float64Array.from(points, ([x]) => x), Float64Array.from(points, ([, y]) => y), points.length, axes, COLOR, layer);
    return layer.columns.rgba!;
  };
  // From y = 10.25 to 20.5 in column 5, widened by half a pixel: 9.75 to 21.
  const vertical = alphas(paint([[5.5, 10.25], [5.5, 20.5]]), 40, 40, 5);
  assert.deepEqual(vertical.slice(8, 22), [0, 64, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 0]);
  assert.deepEqual(alphas(paint([[5.5, 10.25], [5.5, 20.5]]), 40, 40, 4), Array(40).fill(0), "a 1-pixel line stays in its column");
  // From (10.5, 10) to (12.5, 30): y rises 10 a pixel. Column 10 holds 10–15, column 11 15–25, column 12 25–30.
  const sloped = paint([[10.5, 10], [12.5, 30]]);
  const lit = (c: number) => alphas(sloped, 40, 40, c).flatMap((alpha, row) => (alpha > 0 ? [row] : []));
  const rows = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);
  assert.deepEqual(lit(10), rows(9, 15));
  assert.deepEqual(lit(11), rows(14, 25));
  assert.deepEqual(lit(12), rows(24, 30));
  assert.deepEqual([lit(9), lit(13)], [[], []]);
});

test("spans into a raster smaller than the view (a 2× display): positions and the line's width scale with it", () => {
  const axes = axesOf([0, 40], [0, 40], 80, 80, 2);
  const layer = frameSource({ rgba: "u32" }, 1600);
  // Column 10 of the 40-pixel raster: y from 10 to 20 data units, which are raster rows too.
  new SpanPainter({ width: 40, height: 40 }, 1).paint(Float64Array.from([10.5, 10.5]), Float64Array.from([10, 20]), 2, axes, COLOR, layer);
  assert.deepEqual(layer.image, { width: 40, height: 40, x: 0, y: 0, dw: 40, dh: 40 });
  const column = alphas(layer.columns.rgba!, 40, 40, 10);
  // A 1-pixel line on a 2× display is 2 device pixels, 1 raster pixel: half a row beyond each end.
  assert.deepEqual(column.slice(8, 22), [0, 128, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 128, 0]);
});

test("dense needs both: more than 3 M4 points a column and more than 4 pixels of travel a column", () => {
  const axes = axesOf([0, 1], [0, 100], 100, 100);
  const line = (n: number, amplitude: number) => Float64Array.from({ length: n }, (_, i) => 50 + (i % 2 ? amplitude : -amplitude) / 2);
  const painter = new SpanPainter({ width: 100, height: 100 }, 1);
  assert.equal(painter.dense(line(400, 10), 400, axes), true, "4 points a column, 10 pixels each way");
  assert.equal(painter.dense(line(300, 100), 300, axes), false, "3 points a column, however far they travel");
  // 401 points: 400 steps of 1 pixel, 4 a column: exactly 4 pixels of travel a column, not more.
  assert.equal(painter.dense(line(401, 1), 401, axes), false, "4 pixels of travel a column");
  assert.equal(painter.dense(line(401, 1.1), 401, axes), true, "4.4 pixels of travel a column");
});
