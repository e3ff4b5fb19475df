// M4 point by point; the scatter's and the trail's layers, pixel for pixel: the density layer is a disc of the marker's
// radius around every pixel holding a point (brute force here), scaled into a raster smaller than
// the view; the budget's edge; results kept until the points or the view change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { m4 } from "../../src/worker/reduction/m4.js";
import { ScatterReducer } from "../../src/worker/reduction/scatter.js";
import { SourceStore, type Series } from "../../src/worker/reduction/series.js";
import { TrailReducer } from "../../src/worker/reduction/trail.js";
import { axesOf, frameSource } from "./reduction-helpers.js";

const COLOR = 0xff0000ff;

function seriesOf(points: [number, number][]): Series {
  const xs = Float64Array.from(points, ([x]) => x);
  const ys = Float64Array.from(points, ([, y]) => y);
  return { columns: { x: xs, y: ys }, start: 0, end: points.length, capacity: points.length, generation: 1 };
}

/** Pixel centres of a 20 × 10 view of [0, 20] × [0, 10]: the point (x + 0.5, y + 0.5) is pixel (x, y). */
const centre = (x: number, y: number): [number, number] => [x + 0.5, y + 0.5];

function scatter(points: [number, number][], { budget = 3, size = 4, maxRaster = { width: 20, height: 10 }, pixelRatio = 1 } = {}) {
  const reducer = new ScatterReducer("x", "y", budget, size, maxRaster);
  const series = seriesOf(points);
  const axes = axesOf([0, 20], [0, 10], 20, 10, pixelRatio);
  const out = { points: frameSource({ x: "f64", y: "f64" }, budget), layer: frameSource({ rgba: "u32" }, 200) };
  reducer.reduce(series, axes, COLOR, out.points, out.layer);
  return { reducer, series, axes, out };
}

test("scatter: at the budget, exactly the first point of each pixel; one pixel more, a density layer and no points", () => {
  const three: [number, number][] = [centre(1, 1), [1.9, 1.1], centre(5, 5), centre(9, 2)];
  const below = scatter(three).out;
  assert.equal(below.points.length, 3, "three distinct pixels: all of them, as points");
  assert.deepEqual([...below.points.columns.x!.subarray(0, 3)], [1.5, 5.5, 9.5], "the first point in pixel (1, 1) stands for both");
  assert.deepEqual([below.layer.length, below.layer.image], [0, undefined]);
  const four = scatter([...three, centre(12, 8)]).out;
  assert.equal(four.points.length, 0);
  assert.equal(four.layer.length, 200);
  assert.deepEqual(four.layer.image, { width: 20, height: 10, x: 0, y: 0, dw: 20, dh: 10 });
});

test("scatter: the density layer is a disc of the marker's radius (in device pixels) around each point's pixel", () => {
  const points: [number, number][] = [centre(0, 0), centre(6, 4), centre(13, 7), centre(19, 9), centre(10, 2)];
  for (const [size, pixelRatio] of [[4, 1], [2, 2], [6, 1]] as const) {
    const { out } = scatter(points, { size, pixelRatio });
    const r = (size / 2) * pixelRatio;
    const expected = new Uint32Array(200);
    for (const [x, y] of points.map(([x, y]) => [Math.floor(x), Math.floor(y)] as const)) {
      for (let py = 0; py < 10; py++) for (let px = 0; px < 20; px++) if ((px - x) ** 2 + (py - y) ** 2 <= r * r + 0.25) expected[py * 20 + px] = COLOR;
    }
    assert.deepEqual([...out.layer.columns.rgba!.subarray(0, 200)], [...expected], `size ${size}, pixel ratio ${pixelRatio}`);
  }
});

test("scatter: a point just outside the view still shows its marker's edge; the layer is scaled into a smaller raster", () => {
  // A point a pixel beyond the right edge, with a radius of 2: its disc reaches column 19.
  const { out } = scatter([centre(20, 5), centre(2, 2), centre(5, 5), centre(8, 8)], { budget: 1 });
  assert.equal(out.layer.columns.rgba![5 * 20 + 19], COLOR, "the edge of a marker centred just outside");
  assert.equal(out.layer.columns.rgba![5 * 20 + 17], 0);
  // A raster of 10 × 5 for the 20 × 10 view: pixel (x, y) lands in (floor(x / 2), floor(y / 2)), the disc halved.
  const small = scatter([centre(4, 4), centre(14, 6)], { budget: 1, size: 2, maxRaster: { width: 10, height: 5 } }).out;
  assert.deepEqual(small.layer.image, { width: 10, height: 5, x: 0, y: 0, dw: 20, dh: 10 });
  assert.equal(small.layer.length, 50);
  const lit = [...small.layer.columns.rgba!.subarray(0, 50)].flatMap((pixel, i) => (pixel ? [[i % 10, Math.floor(i / 10)]] : []));
  assert.deepEqual(lit, [[2, 2], [7, 3]]);
});

test("scatter: the result is kept until the points or the view change", () => {
  const { reducer, series, axes, out } = scatter([centre(1, 1), centre(2, 2)]);
  series.columns.x![0] = 15.5; // changed in place, the series not told: the kept result stands
  reducer.reduce(series, axes, COLOR, out.points, out.layer);
  assert.equal(out.points.columns.x![0], 15.5, "the kept point is read from the series");
  assert.equal(out.points.length, 2);
  series.columns.x![1] = 15.7; // now in the same pixel as point 0
  series.columns.y![1] = 1.6;
  series.generation++;
  reducer.reduce(series, axes, COLOR, out.points, out.layer);
  assert.equal(out.points.length, 1, "a new generation: the pixels are found again");
  reducer.reduce(series, axesOf([0, 40], [0, 10], 20, 10), COLOR, out.points, out.layer);
  assert.equal(out.points.length, 1);
});

test("trail: the raster is the view's size but at most the panel's; a line across the view lights every column of it", () => {
  const points: [number, number][] = [];
  for (let i = 0; i <= 400; i++) points.push([(i % 2 === 0 ? i : 400 - i) / 20, 5 + Math.sin(i) * 0.01]);
  const store = new SourceStore({ columns: { x: "f64", y: "f64" }, capacity: points.length });
  Object.assign(store.series, seriesOf(points));
  const reducer = new TrailReducer("x", "y", 4, 2, { width: 10, height: 5 }, store);
  const line = frameSource({ x: "f64", y: "f64" }, 6);
  const layer = frameSource({ rgba: "u32" }, 200);
  reducer.reduce(store.series, axesOf([0, 20], [0, 10], 20, 10), COLOR, line, layer);
  assert.deepEqual(layer.image, { width: 10, height: 5, x: 0, y: 0, dw: 20, dh: 10 });
  assert.equal(layer.length, 50);
  const rows = new Set<number>();
  const columns = new Set<number>();
  layer.columns.rgba!.subarray(0, 50).forEach((pixel, i) => {
    if (!pixel) return;
    rows.add(Math.floor(i / 10));
    columns.add(i % 10);
  });
  assert.equal(columns.size, 10, "every column of the raster");
  assert.ok(rows.has(2) && [...rows].every((row) => Math.abs(row - 2) <= 1), `about the raster's row of y = 5 (row 2 of 5): ${[...rows]}`);
  assert.equal(line.length, 2, "the tail: the newest 2 merged points");
});

/** M4 of `points` (x ascending) over `pixels` columns of [start, end], into `room` slots. */
function m4Of(points: [number, number][], start: number, end: number, pixels: number, room = 64): [number, number][] | -1 {
  const [outX, outY] = [new Float64Array(room), new Float64Array(room)];
  const n = m4(seriesOf(points), "x", "y", { start, end, pixels, log: false }, outX, outY);
  return n < 0 ? -1 : Array.from({ length: n }, (_, k) => [outX[k]!, outY[k]!]);
}

test("m4: exactly first, lowest, highest and last per column in order; the nearest point beyond each edge; ends on the edges count in", () => {
  // Columns of width 1 over [0, 4]; points beyond on both sides.
  const points: [number, number][] = [[-3, 9], [-1, 8], [0, 5], [0.2, 1], [0.5, 7], [0.9, 3], [1.5, 4], [2.1, 6], [2.2, 0], [2.3, 6], [4, 2], [5, 1], [6, 0]];
  assert.deepEqual(m4Of(points, 0, 4, 4), [
    [-1, 8], // the nearest point before the view, alone in its column
    [0, 5], [0.2, 1], [0.5, 7], [0.9, 3], // column 0: first, lowest, highest, last
    [1.5, 4], // column 1: one point is all four
    [2.1, 6], [2.2, 0], [2.3, 6], // column 2: first (a highest), lowest, last (the other highest)
    [4, 2], // x = end: the edge's own column, in
    [5, 1], // the nearest point after the view
  ]);
  // Ties keep the first of equal lows and highs: nothing is emitted twice.
  assert.deepEqual(m4Of([[0.1, 1], [0.2, 1], [0.3, 1], [0.4, 1]], 0, 1, 1), [[0.1, 1], [0.4, 1]]);
});

test("m4: a room too small is -1, never a line cut short; exactly enough room is fine", () => {
  const points: [number, number][] = [[0.1, 0], [0.2, 5], [0.3, -5], [0.4, 1], [1.1, 0], [1.2, 5], [1.3, -5], [1.4, 1]];
  assert.equal((m4Of(points, 0, 2, 2, 8) as unknown[]).length, 8);
  assert.equal(m4Of(points, 0, 2, 2, 7), -1);
  assert.deepEqual(m4Of([], 0, 1, 10), []);
});

/** A trail reducer over `points` (an append store holding them all), for a view of [0, 20] × [0, 10]. */
function trailOf(points: [number, number][], budget = 4, tail = 2) {
  const store = new SourceStore({ columns: { x: "f64", y: "f64" }, capacity: points.length });
  Object.assign(store.series, seriesOf(points));
  const reducer = new TrailReducer("x", "y", budget, tail, { width: 40, height: 20 }, store);
  const line = frameSource({ x: "f64", y: "f64" }, budget + 2);
  const layer = frameSource({ rgba: "u32" }, 800);
  const reduce = (width = 20, height = 10) => {
    reducer.reduce(store.series, axesOf([0, 20], [0, 10], width, height), COLOR, line, layer);
    return { line: Array.from({ length: line.length }, (_, k) => [line.columns.x![k], line.columns.y![k]]), layer };
  };
  return { store, reduce };
}

test("trail: a long rest in one pixel merges into one point of the tail; a new view size gives a raster of that size", () => {
  // Back and forth across the view, then 500 points resting in pixel (10, 5), then one step on.
  const points: [number, number][] = [];
  for (let i = 0; i < 12; i++) points.push([i % 2 ? 19.5 : 0.5, 1.5 + (i % 5)]);
  for (let i = 0; i < 500; i++) points.push([10.5 + (i % 7) / 10, 5.5]);
  points.push([11.5, 5.5]);
  const { reduce } = trailOf(points);
  const { line, layer } = reduce();
  assert.deepEqual(line, [[10.5, 5.5], [11.5, 5.5]], "the tail: the resting point (merged) and the step on");
  assert.equal(layer.length, 200);
  const lit = layer.columns.rgba!.subarray(0, 200).filter((pixel) => pixel !== 0).length;
  assert.ok(lit > 20 && lit < 200, `the back-and-forth lines are in the raster (${lit} pixels), not the whole view`);
  const again = reduce(30, 15).layer;
  assert.deepEqual(again.image, { width: 30, height: 15, x: 0, y: 0, dw: 20, dh: 10 }, "a new view size, a raster of that size");
  assert.equal(again.length, 450);
});

test("trail: all of a short trail is a vector (consecutive points in one pixel merged, the newest always kept), with no layer", () => {
  const { reduce } = trailOf([[1.5, 1.5], [1.6, 1.6], [5.5, 5.5], [5.7, 5.2], [5.8, 5.9]], 4);
  const { line, layer } = reduce();
  assert.deepEqual(line, [[1.5, 1.5], [5.5, 5.5], [5.8, 5.9]]);
  assert.deepEqual([layer.length, layer.image], [0, undefined]);
});
