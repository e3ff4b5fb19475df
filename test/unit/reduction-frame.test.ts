// The reduction end to end (FrameReducer with a fake job: the display scene, M4 or trail per
// series, auto ranges) and the append sources beneath it (SourceStore: chunks, ring, eviction).
import { test } from "node:test";
import assert from "node:assert/strict";
import type { FrameData, FrameSource, PanelRanges, Scene, SourceSpec } from "../../src/protocol/types.js";
import { FramePool } from "../../src/worker/engine/frame-pool.js";
import { FrameReducer } from "../../src/worker/reduction/frame-reducer.js";
import { m4, m4Capacity } from "../../src/worker/reduction/m4.js";
import { APPEND_CHUNK, SourceStore, type Series } from "../../src/worker/reduction/series.js";
import { axesOf, smoothAscending, extent, fakeJob, padded, pointsOf, rasterised, seriesOf, strayPixels, trailWalk, type Points } from "./reduction-helpers.js";
import { countWorkClock } from "./work-clock.js";

countWorkClock();

const XY = { x: "f64", y: "f64" } as const;

/** A scene of one line drawn from source "s". */
function lineScene(source: SourceSpec): Scene {
  return { sources: { s: source }, glyphs: [{ kind: "line", source: "s", x: "x", y: "y" }] };
}

/** Writes points [from, to) of `points` into a frame source, as a job does. */
function writePoints(source: FrameSource, points: Points, from: number, to: number): void {
  const { x, y } = source.columns;
  for (let j = from; j < to; j++) {
    x![j - from] = points.xs[j]!;
    y![j - from] = points.ys[j]!;
  }
  source.length = to - from;
}

/** A job appending `points`, as many as the staging takes per write, up to `available` of them. */
function appendingJob(scene: Scene, points: Points) {
  const state = { given: 0, available: 0 };
  const job = fakeJob(scene, (frame) => {
    const s = frame.s!;
    const to = Math.min(state.available, state.given + s.columns.x!.length);
    writePoints(s, points, state.given, to);
    state.given = to;
  });
  return Object.assign(job, { state });
}

/** The display frame for the reducer's current view, and the wire sources of its line: vector and raster. */
function display(reducer: FrameReducer): { ranges: PanelRanges; vector: FrameSource; raster: FrameSource } {
  const out: FrameData = new FramePool(reducer.scene, 1).take()!;
  const [ranges] = reducer.reduce(out);
  // The display scene draws the raster layer (an image) beneath the vector line.
  const vector = reducer.scene.glyphs.find((glyph) => glyph.kind === "line")!.source;
  const raster = reducer.scene.glyphs.find((glyph) => glyph.kind === "image")!.source;
  return { ranges: ranges!, vector: out[vector]!, raster: out[raster]! };
}

/** M4 of `points` for the x range the frame was made for, computed directly. */
function directM4(points: Points, x: readonly [number, number], width: number): Points {
  const [outX, outY] = [new Float64Array(m4Capacity(width)), new Float64Array(m4Capacity(width))];
  const n = m4(seriesOf(points), "x", "y", { start: x[0], end: x[1], pixels: width, log: false }, outX, outY);
  return { xs: outX.slice(0, n), ys: outY.slice(0, n) };
}

/** Each end of `actual` equals the data's extent padded by 5% of its span, to 1e-9 of the span. */
/**
 * A followed ("auto") range after several frames: it holds all the data, and the data fills at least
 * half of it (the axis moves in steps, not every frame).
 */
function assertFollowedRange(actual: readonly [number, number], values: ArrayLike<number>, what: string): void {
  const [min, max] = extent(values);
  assert.ok(actual[0] <= min && max <= actual[1], `${what}: [${actual}] holds the data [${min}, ${max}]`);
  assert.ok(max - min >= 0.5 * (actual[1] - actual[0]) * 0.9, `${what}: the data [${min}, ${max}] fills half of [${actual}]`);
}

function assertAutoRange(actual: readonly [number, number], values: ArrayLike<number>, what: string): void {
  const [min, max] = extent(values);
  const expected = padded([min, max], 0.05);
  const tolerance = 1e-9 * (max - min);
  for (const k of [0, 1]) assert.ok(Math.abs(actual[k]! - expected[k]!) <= tolerance, `${what}: [${actual}] vs [${expected}]`);
}

test("frame reducer: a 2·10⁵-point ascending line is sent as its M4, within m4Capacity(width); auto ranges pad the data by 5%", () => {
  const n = 200_000;
  const width = 800;
  const points = smoothAscending(61, n);
  const scene = lineScene({ columns: XY, capacity: n });
  const reducer = new FrameReducer(scene, { width, height: 400 });
  reducer.take(fakeJob(scene, (frame) => writePoints(frame.s!, points, 0, n)));
  const { ranges, vector, raster } = display(reducer);
  assertAutoRange(ranges.x, points.xs, "x");
  assertAutoRange(ranges.y, points.ys, "y");
  assert.ok(vector.length <= 4 * width + 2 && vector.length <= m4Capacity(width), `${vector.length} points`);
  assert.deepEqual(pointsOf(vector), directM4(points, ranges.x, width), "the frame holds M4 of the data");
  assert.equal(raster.length, 0, "no raster layer under an M4 line");
});

test("frame reducer: a trail appended at capacity 4·10⁴ is a raster layer plus a vector of ≤ 2·width + 2 points, drawing it whole", () => {
  const [width, height, capacity] = [800, 400, 40_000];
  const points = trailWalk(62, 100_000, 1);
  const scene = lineScene({ columns: XY, capacity, mode: "append" });
  const reducer = new FrameReducer(scene, { width, height });
  const job = appendingJob(scene, points);
  // Points arrive in bursts; a frame is reduced after each.
  let frame;
  while (job.state.available < points.xs.length) {
    job.state.available = Math.min(points.xs.length, job.state.available + 20_000);
    reducer.take(job);
    frame = display(reducer);
  }
  const { ranges, vector, raster } = frame!;
  const kept: Points = { xs: points.xs.slice(-capacity), ys: points.ys.slice(-capacity) };
  assertFollowedRange(ranges.x, kept.xs, "x follows the newest points");
  assertFollowedRange(ranges.y, kept.ys, "y follows the newest points");
  assert.ok(vector.length > 0 && vector.length <= 2 * width + 2, `${vector.length} vector points`);
  assert.equal(raster.length, width * height, "a raster layer of the view's size");
  assert.deepEqual(raster.image, { width, height, x: ranges.x[0], y: ranges.y[0], dw: ranges.x[1] - ranges.x[0], dh: ranges.y[1] - ranges.y[0] });
  // Raster and vector together put ink where the kept trail drawn in full does, to within a pixel.
  const axes = axesOf([...ranges.x], [...ranges.y], width, height);
  const tail = rasterised(pointsOf(vector), axes);
  const union = Uint8Array.from((raster.columns.rgba as Uint32Array).subarray(0, raster.length), (pixel, i) => (pixel ? 1 : tail[i]!));
  const { aStray, bStray } = strayPixels(rasterised(kept, axes), union, width);
  assert.deepEqual([aStray, bStray], [0, 0], "pixels of the kept trail, and of raster and tail, with no ink of the other within a pixel");
});

test("frame reducer: a replace source switches between M4 and the trail as its x stops and starts ascending", () => {
  // 1000 points at width 100: M4 sends ≤ 402 of them; the trail (budget 200) needs a raster.
  const [width, height] = [100, 50];
  const ascending = smoothAscending(63, 1000);
  const wandering = trailWalk(64, 1000, 1);
  const scene = lineScene({ columns: XY, capacity: 1000 });
  const reducer = new FrameReducer(scene, { width, height });
  let data = ascending;
  const job = fakeJob(scene, (frame) => writePoints(frame.s!, data, 0, data.xs.length));
  const assertM4 = (what: string) => {
    reducer.take(job);
    const { ranges, vector, raster } = display(reducer);
    assert.equal(raster.length, 0, `${what}: no raster`);
    assert.deepEqual(pointsOf(vector), directM4(data, ranges.x, width), `${what}: M4 of the data`);
  };
  assertM4("ascending");
  data = wandering;
  reducer.take(job);
  const { vector, raster } = display(reducer);
  assert.equal(raster.length, width * height, "wandering: a raster layer");
  assert.ok(vector.length <= 2 * width + 2, `wandering: ${vector.length} vector points`);
  data = ascending;
  assertM4("ascending again");
});

test("frame reducer: an append source is a trail while a descent in x is kept, M4 once the ring evicts it", () => {
  const [width, height, capacity] = [100, 50, 1000];
  const wandering = trailWalk(65, 500, 1);
  // Then 1000 ascending points, the first left of where the trail ended: the last descent is
  // between points 499 and 500, and leaves when point 499 does.
  const ascending = smoothAscending(66, capacity);
  const points: Points = {
    xs: Float64Array.of(...wandering.xs, ...ascending.xs.map((x) => x - 1e6)),
    ys: Float64Array.of(...wandering.ys, ...ascending.ys),
  };
  const scene = lineScene({ columns: XY, capacity, mode: "append" });
  const reducer = new FrameReducer(scene, { width, height });
  const job = appendingJob(scene, points);
  // Frames after the wandering start and after the first ascending point (the descent seen).
  for (const available of [500, 501]) {
    job.state.available = available;
    reducer.take(job);
    assert.equal(display(reducer).raster.length, width * height, `${available} points: a trail, with a raster`);
  }
  job.state.available = points.xs.length;
  reducer.take(job);
  const { ranges, vector, raster } = display(reducer);
  assert.equal(raster.length, 0, "only ascending points kept: no raster");
  const kept: Points = { xs: points.xs.slice(-capacity), ys: points.ys.slice(-capacity) };
  assert.deepEqual(pointsOf(vector), directM4(kept, ranges.x, width), "M4 of the kept points");
});

test("frame reducer: take asks an append job again while its write fills the staging (APPEND_CHUNK)", () => {
  const capacity = 100_000;
  const total = Math.floor(2.5 * APPEND_CHUNK) + 7 + APPEND_CHUNK + 10;
  const points: Points = { xs: Float64Array.from({ length: total }, (_, j) => j), ys: Float64Array.from({ length: total }, (_, j) => Math.sin(j / 5000)) };
  const scene = lineScene({ columns: XY, capacity, mode: "append" });
  const reducer = new FrameReducer(scene, { width: 300, height: 200 });
  const job = appendingJob(scene, points);
  // [points made available, writes expected]: 2.5 chunks take 3; exactly one chunk takes 2 (the
  // second gives nothing); a few points, or none, take 1.
  const steps: [number, number][] = [
    [Math.floor(2.5 * APPEND_CHUNK) + 7, 3],
    [APPEND_CHUNK, 2],
    [10, 1],
    [0, 1],
  ];
  for (const [more, writes] of steps) {
    const before = job.writes;
    job.state.available += more;
    reducer.take(job);
    assert.equal(job.writes - before, writes, `${more} more points: ${writes} writes`);
    assert.equal(job.state.given, job.state.available, `${more} more points: all taken`);
    // x is the point's index: the first and last points M4 keeps over a view of all x are the oldest
    // and newest the ring holds.
    const end = job.state.given;
    reducer.setView([{ x: [-1, total + 1], y: [-2, 2], width: 300, height: 200, pixelRatio: 1 }]);
    const kept = pointsOf(display(reducer).vector).xs;
    assert.deepEqual([kept[0], kept[kept.length - 1]], [Math.max(0, end - capacity), end - 1], `after ${end} points`);
  }
});

// ---------------------------------------------------------------------------------------------
// SourceStore
// ---------------------------------------------------------------------------------------------

/** The x values of points [from, to) of a series, read through the ring. */
const xsOf = (series: Series, from: number, to: number) => Array.from({ length: to - from }, (_, k) => series.columns.x![(from + k) % series.capacity]);

test("source store: an append ring keeps the newest `capacity` points in order, telling of evictions before overwriting", () => {
  const capacity = 10;
  const store = new SourceStore({ columns: XY, capacity, mode: "append" });
  assert.equal(store.chunk, capacity, "staging of min(capacity, APPEND_CHUNK)");
  const evictions: { start: number; newStart: number; leaving: number[] }[] = [];
  store.onEvict((series, newStart) => evictions.push({ start: series.start, newStart, leaving: xsOf(series, series.start, newStart) }));
  let total = 0;
  for (const chunk of [4, 4, 4, 10, 3, 0, 9]) {
    const start = store.series.start;
    for (let k = 0; k < chunk; k++) store.staging.columns.x![k] = total + k;
    store.staging.length = chunk;
    const more = store.commit();
    total += chunk;
    const what = `after ${total} points`;
    assert.equal(more, chunk === capacity, `${what}: a full staging may have more`);
    assert.equal(store.series.end, total, `${what}: end`);
    assert.equal(store.series.start, Math.max(0, total - capacity), `${what}: start`);
    // Point i holds x = i: the ring's points are the newest, in order.
    assert.deepEqual(xsOf(store.series, store.series.start, total), Array.from({ length: total - store.series.start }, (_, k) => store.series.start + k), what);
    if (store.series.start > start) {
      // The listener saw the old start, the new one, and the leaving points' values intact.
      const range = Array.from({ length: store.series.start - start }, (_, k) => start + k);
      assert.deepEqual(evictions.pop(), { start, newStart: store.series.start, leaving: range }, `${what}: eviction`);
    }
    assert.equal(evictions.length, 0, `${what}: no other eviction`);
  }
});

test("source store: a replace source is its staging, each commit a new generation", () => {
  const store = new SourceStore({ columns: XY, capacity: 8 });
  assert.equal(store.series.columns, store.staging.columns, "no copy");
  for (const length of [5, 8, 3]) {
    const generation = store.series.generation;
    store.staging.length = length;
    assert.equal(store.commit(), false, "never asks for more");
    assert.deepEqual([store.series.start, store.series.end, store.series.generation], [0, length, generation + 1]);
  }
});
