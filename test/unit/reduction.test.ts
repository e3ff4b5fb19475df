// The engine's reductions against brute force: M4 keeps exactly each pixel column's first, lowest,
// highest and last point and draws the same pixels as the full line; the trail's incremental raster
// equals a rebuild and, with its vector tail, draws the whole trail; scatters keep one point per
// pixel or paint every occupied pixel; images average down to the view's pixels.
import { test } from "node:test";
import assert from "node:assert/strict";
import { rgba, seededRandom } from "../../src/worker/numerics/random.js";
import { reduceImage } from "../../src/worker/reduction/image.js";
import { m4, m4Capacity } from "../../src/worker/reduction/m4.js";
import { ScatterReducer } from "../../src/worker/reduction/scatter.js";
import { SourceStore, type Series } from "../../src/worker/reduction/series.js";
import { TrailReducer } from "../../src/worker/reduction/trail.js";
import { Bounds, followRange, toPixel, type Axis, type PanelAxes } from "../../src/worker/reduction/view.js";
import type { FrameSource, ImageGlyph, ImagePlacement } from "../../src/protocol/types.js";
import {
  ascendingWalk,
  axesOf,
  compareMasks,
  drawn,
  extent,
  frameSource,
  padded,
  pointsIn,
  pointsOf,
  rasterised,
  seriesOf,
  strayPixels,
  trailWalk,
  type Points,
} from "./reduction-helpers.js";

// ---------------------------------------------------------------------------------------------
// M4
// ---------------------------------------------------------------------------------------------

function reduceM4(series: Series, axis: Axis): Points {
  const capacity = m4Capacity(axis.pixels);
  const [outX, outY] = [new Float64Array(capacity), new Float64Array(capacity)];
  const n = m4(series, "x", "y", axis, outX, outY);
  return { xs: outX.slice(0, n), ys: outY.slice(0, n) };
}

const xAxis = (range: [number, number], pixels: number): Axis => ({ start: range[0], end: range[1], pixels, log: false });

/** A view covering all the points (padded as "auto" would) and one of part of them, its ends between points. */
function m4Views({ xs }: Points): [string, [number, number]][] {
  const [a, b] = [xs[0]!, xs[xs.length - 1]!];
  return [
    ["all", padded([a, b], 0.05)],
    ["zoomed", [a + (b - a) * 0.3137, a + (b - a) * 0.5861]],
  ];
}

/**
 * M4 by brute force: per pixel column (floor of `toPixel`), the indices of its first, lowest,
 * highest and last point; and the last point before the view and the first after it (-1: none).
 */
function m4Expected({ xs, ys }: Points, axis: Axis): { required: Set<number>; before: number; after: number } {
  const columns = new Map<number, number[]>();
  let [before, after] = [-1, -1];
  for (let j = 0; j < xs.length; j++) {
    const c = Math.floor(toPixel(axis, xs[j]!));
    if (c < 0) before = j;
    else if (c >= axis.pixels) after = after < 0 ? j : after;
    else if (columns.has(c)) columns.get(c)!.push(j);
    else columns.set(c, [j]);
  }
  const required = new Set<number>();
  for (const members of columns.values()) {
    const byY = [...members].sort((i, j) => ys[i]! - ys[j]!);
    for (const j of [members[0]!, byY[0]!, byY[byY.length - 1]!, members[members.length - 1]!]) required.add(j);
  }
  return { required, before, after };
}

/** The input indices of M4's output points (x ascends strictly, so x names the point); checks y too. */
function indicesOf(input: Points, output: Points, what: string): number[] {
  const index = new Map<number, number>();
  input.xs.forEach((x, j) => index.set(x, j));
  return Array.from(output.xs, (x, k) => {
    const j = index.get(x);
    assert.ok(j !== undefined, `${what}: output point ${k} (x = ${x}) is not an input point`);
    assert.ok(Object.is(input.ys[j], output.ys[k]), `${what}: output point ${k} has the y of input point ${j}`);
    return j;
  });
}

function assertIndexOrder(indices: number[], what: string): void {
  for (let k = 1; k < indices.length; k++) assert.ok(indices[k - 1]! < indices[k]!, `${what}: output in index order at ${k}`);
}

test("m4: keeps exactly each pixel column's first, lowest, highest and last point, in order (brute force)", () => {
  for (const seed of [1, 2, 3]) {
    for (const n of [60, 5_000]) {
      const points = ascendingWalk(seed, n);
      // Held as a wrapped ring, so the binary searches and slots go through `% capacity`.
      const series = seriesOf(points, (seed * 101) % n);
      for (const [view, range] of m4Views(points)) {
        for (const pixels of [1, 7, 100, 640]) {
          const what = `seed ${seed}, ${n} points, ${view}, ${pixels} px`;
          const axis = xAxis(range, pixels);
          const output = reduceM4(series, axis);
          const indices = indicesOf(points, output, what);
          const { required, before, after } = m4Expected(points, axis);
          assertIndexOrder(indices, what);
          const kept = new Set(indices);
          for (const j of required) assert.ok(kept.has(j), `${what}: point ${j} is kept`);
          for (const j of indices) assert.ok(required.has(j) || j === before || j === after, `${what}: point ${j} is one M4 needs`);
          assert.ok(output.xs.length <= 4 * pixels + 2, `${what}: ${output.xs.length} points ≤ 4 per column + 2`);
        }
      }
    }
  }
});

/** `points` with y set to NaN at `count` random indices, the first and last included. */
function withBreaks(points: Points, seed: number, count: number): Points {
  const random = seededRandom(seed);
  const ys = points.ys.slice();
  const n = ys.length;
  for (const j of [0, n - 1, ...Array.from({ length: count }, () => Math.floor(random() * n))]) ys[j] = NaN;
  return { xs: points.xs, ys };
}

test("m4: keeps every run of NaN breaks in the view (its first), in order, and no two breaks in a row", () => {
  const points = withBreaks(ascendingWalk(11, 5000), 12, 60);
  const series = seriesOf(points, 77);
  for (const [view, range] of m4Views(points)) {
    for (const pixels of [640, 1000]) {
      const what = `${view}, ${pixels} px`;
      const axis = xAxis(range, pixels);
      const output = reduceM4(series, axis);
      const indices = indicesOf(points, output, what);
      assertIndexOrder(indices, what);
      const breaks = [...points.ys.keys()].filter((j) => Number.isNaN(points.ys[j]));
      const visible = breaks.filter((j) => points.xs[j]! >= range[0] && points.xs[j]! <= range[1]);
      assert.ok(visible.length > 10, `${what}: the view holds breaks (${visible.length})`);
      const runStarts = visible.filter((j) => !Number.isNaN(points.ys[j - 1]!));
      assert.ok(runStarts.length < visible.length, `${what}: the data has breaks in a row`);
      for (const j of runStarts) assert.ok(indices.includes(j), `${what}: the break at ${j} is kept`);
      const kept = output.ys;
      assert.ok(kept.every((y, k) => !(Number.isNaN(y) && Number.isNaN(kept[k + 1]!))), `${what}: a run of breaks is kept once`);
    }
  }
});

test("m4: the reduced line lights exactly the pixels the full line lights (CountRaster, exact)", () => {
  for (const seed of [4, 7]) {
    const plain = ascendingWalk(seed, 10_000);
    for (const [label, points] of [
      ["plain", plain],
      // Few breaks: within the room m4Capacity leaves for them (see the next test).
      ["with breaks", withBreaks(plain, seed + 100, 8)],
    ] as const) {
      const x = padded(extent(points.xs), 0.05);
      const y = padded(extent(points.ys), 0.05);
      const views: [string, [number, number], [number, number]][] = [
        ["all", x, y],
        // The line leaves the view at the top, bottom and sides: clipping must agree too.
        ["zoomed", [x[0] + (x[1] - x[0]) * 0.4, x[0] + (x[1] - x[0]) * 0.47], [y[0] + (y[1] - y[0]) * 0.3, y[0] + (y[1] - y[0]) * 0.6]],
      ];
      for (const [view, xRange, yRange] of views) {
        for (const [width, height] of [
          [300, 200],
          [37, 23],
        ] as const) {
          const what = `seed ${seed}, ${label}, ${view}, ${width}×${height}`;
          const axes = axesOf(xRange, yRange, width, height);
          const reduced = reduceM4(seriesOf(points), axes.x);
          const { lit, differing } = compareMasks(drawn(points, axes), drawn(reduced, axes));
          assert.ok(lit > width, `${what}: the line is in view (${lit} pixels lit)`);
          assert.equal(differing, 0, `${what}: ${differing} of ${lit} lit pixels differ`);
        }
      }
    }
  }
});

// Each break can cost M4 five points (it splits a column's group in two, and is kept itself): breaks
// denser than m4Capacity's room make m4 answer −1 rather than cut the line short (the engine then
// draws the line as a trail).
test("m4: breaks too dense for its room are refused, never a line cut short", () => {
  const points = withBreaks(ascendingWalk(13, 30_000), 14, 10_000);
  const axis = xAxis(padded(extent(points.xs), 0.05), 800);
  const capacity = m4Capacity(800);
  assert.equal(m4(seriesOf(points), "x", "y", axis, new Float64Array(capacity), new Float64Array(capacity)), -1);
  const sparse = withBreaks(ascendingWalk(13, 30_000), 14, 100);
  assert.ok(m4(seriesOf(sparse), "x", "y", axis, new Float64Array(capacity), new Float64Array(capacity)) > 0, "a few breaks fit");
});

// ---------------------------------------------------------------------------------------------
// Trails
// ---------------------------------------------------------------------------------------------

const XY = { x: "f64", y: "f64" } as const;

function appendStore(capacity: number): SourceStore {
  return new SourceStore({ columns: XY, capacity, mode: "append" });
}

/** Appends points [from, to) of `points` through the store's staging, as a job's write would. */
function append(store: SourceStore, points: Points, from: number, to: number): void {
  const { x, y } = store.staging.columns;
  for (let j = from; j < to; j++) {
    x![j - from] = points.xs[j]!;
    y![j - from] = points.ys[j]!;
  }
  store.staging.length = to - from;
  store.commit();
}

interface TrailOutput {
  vector: Points;
  layer: FrameSource;
}

/** One TrailReducer.reduce into fresh buffers. The line's room is ample, so truncation cannot hide a budget overrun. */
function reduceTrail(reducer: TrailReducer, series: Series, axes: PanelAxes, budget: number): TrailOutput {
  const line = frameSource(XY, 10 * budget);
  const layer = frameSource({ rgba: "u32" }, axes.x.pixels * axes.y.pixels);
  reducer.reduce(series, axes, TRAIL_COLOR, line, layer);
  return { vector: pointsOf(line), layer };
}

const TRAIL_COLOR = rgba(200, 30, 10);

/** The lit pixels of a trail's raster layer (1 where painted). */
function layerMask(layer: FrameSource): Uint8Array {
  return Uint8Array.from((layer.columns.rgba as Uint32Array).subarray(0, layer.length), (pixel) => (pixel ? 1 : 0));
}

function assertSameTrail(actual: TrailOutput, expected: TrailOutput, what: string): void {
  assert.deepEqual(actual.vector, expected.vector, `${what}: same vector tail`);
  assert.equal(actual.layer.length, expected.layer.length, `${what}: same layer size`);
  assert.deepEqual(actual.layer.image, expected.layer.image, `${what}: same layer placement`);
  const { lit, differing } = compareMasks(layerMask(actual.layer), layerMask(expected.layer));
  assert.equal(differing, 0, `${what}: ${differing} of ${lit} raster pixels differ`);
}

test("trail: the incremental raster and vector equal a rebuild after every append, the ring wrapping", () => {
  const [budget, capacity, width, height] = [40, 500, 120, 80];
  const points = trailWalk(7, 4000, 1);
  const all = axesOf(padded(extent(points.xs), 0.05), padded(extent(points.ys), 0.05), width, height);
  const zoomed = axesOf(padded(extent(points.xs), -0.3), padded(extent(points.ys), -0.3), width, height);
  const cases: [string, PanelAxes, { width: number; height: number }][] = [
    ["all", all, { width, height }],
    ["zoomed", zoomed, { width, height }],
    // A raster smaller than the view (the page's viewport is smaller than this panel).
    ["all, half-size raster", all, { width: 60, height: 40 }],
  ];
  for (const [label, axes, maxRaster] of cases) {
    const store = appendStore(capacity);
    const reducer = new TrailReducer("x", "y", budget, budget, maxRaster, store);
    const random = seededRandom(8);
    let rasterSteps = 0;
    for (let fed = 0; fed < points.xs.length; ) {
      const to = Math.min(points.xs.length, fed + 1 + Math.floor(random() * 150));
      append(store, points, fed, to);
      fed = to;
      const what = `${label}, after ${fed} points`;
      const incremental = reduceTrail(reducer, store.series, axes, budget);
      const fresh = appendStore(capacity);
      append(fresh, pointsIn(store.series), 0, store.series.end - store.series.start);
      assertSameTrail(incremental, reduceTrail(new TrailReducer("x", "y", budget, budget, maxRaster, fresh), fresh.series, axes, budget), what);
      if (incremental.layer.length > 0) rasterSteps++;
    }
    assert.ok(store.series.start > 2 * capacity, `${label}: the ring wrapped and evicted (start ${store.series.start})`);
    assert.ok(rasterSteps > 10, `${label}: the raster was in use (${rasterSteps} steps)`);
  }
});

test("trail: raster pixels plus the vector tail's pixels put ink where the whole trail does, to within a pixel", () => {
  const [budget, capacity, width, height] = [40, 500, 120, 80];
  for (const seed of [21, 22, 23]) {
    const points = trailWalk(seed, 3000, 1);
    // The whole trail inside the view: merging a pixel's points keeps that pixel's segments only
    // while no segment is clipped (a clipped end depends on where in its pixel the point lies).
    const axes = axesOf(padded(extent(points.xs), 0.05), padded(extent(points.ys), 0.05), width, height);
    const store = appendStore(capacity);
    const reducer = new TrailReducer("x", "y", budget, budget, { width, height }, store);
    for (let fed = 0; fed < points.xs.length; fed += 97) {
      append(store, points, fed, Math.min(points.xs.length, fed + 97));
      const what = `seed ${seed}, after ${store.series.end} points`;
      const { vector, layer } = reduceTrail(reducer, store.series, axes, budget);
      const whole = rasterised(pointsIn(store.series), axes);
      const tail = rasterised(vector, axes);
      const union = layer.length > 0 ? layerMask(layer).map((lit, i) => lit | tail[i]!) : tail;
      const { aStray, bStray } = strayPixels(whole, union, width);
      assert.deepEqual([aStray, bStray], [0, 0], `${what}: pixels of the whole trail, and of raster and tail, with no ink of the other within a pixel`);
    }
  }
});

/** The device pixel a point falls in, as a key. */
const pixelOf = (axes: PanelAxes, x: number, y: number) => `${Math.floor(toPixel(axes.x, x))},${Math.floor(toPixel(axes.y, y))}`;

test("trail: the vector tail never holds consecutive points in one device pixel, ends at the newest point, fits the budget", () => {
  const [budget, width, height] = [30, 120, 80];
  for (const seed of [31, 32]) {
    // Small steps in a wide view: most consecutive points share a pixel.
    const points = trailWalk(seed, 20_000, 0.05);
    const axes = axesOf(padded(extent(points.xs), 0.5), padded(extent(points.ys), 0.5), width, height);
    const store = appendStore(points.xs.length);
    append(store, points, 0, points.xs.length);
    const { vector } = reduceTrail(new TrailReducer("x", "y", budget, budget, { width, height }, store), store.series, axes, budget);
    const pixels = Array.from(vector.xs, (x, k) => pixelOf(axes, x, vector.ys[k]!));
    const n = pixels.length;
    assert.ok(n > budget / 2 && n <= budget + 2, `seed ${seed}: ${n} vector points, budget ${budget}`);
    for (let k = 1; k < n - 1; k++) assert.notEqual(pixels[k], pixels[k - 1], `seed ${seed}: points ${k - 1} and ${k} in one pixel`);
    const last = points.xs.length - 1;
    assert.deepEqual([vector.xs[n - 1], vector.ys[n - 1]], [points.xs[last], points.ys[last]], `seed ${seed}: ends at the newest point`);
    const raw = Array.from(points.xs, (x, j) => pixelOf(axes, x, points.ys[j]!));
    assert.ok(raw.filter((p, j) => p === raw[j - 1]).length > points.xs.length / 2, `seed ${seed}: the data has points to merge`);
  }
});

// ---------------------------------------------------------------------------------------------
// Scatters
// ---------------------------------------------------------------------------------------------

const SCATTER_COLOR = rgba(10, 90, 250);
const MARKER_SIZE = 6;

/** `n` points uniform over `x` × `y`. */
function uniform(seed: number, n: number, x: [number, number], y: [number, number]): Points {
  const random = seededRandom(seed);
  const xs = Float64Array.from({ length: n }, () => x[0] + random() * (x[1] - x[0]));
  const ys = Float64Array.from({ length: n }, () => y[0] + random() * (y[1] - y[0]));
  return { xs, ys };
}

function reduceScatter(points: Points, axes: PanelAxes, budget: number): { points: FrameSource; layer: FrameSource } {
  const reducer = new ScatterReducer("x", "y", budget, MARKER_SIZE, { width: axes.x.pixels, height: axes.y.pixels });
  const out = { points: frameSource(XY, budget), layer: frameSource({ rgba: "u32" }, axes.x.pixels * axes.y.pixels) };
  reducer.reduce(seriesOf(points), axes, SCATTER_COLOR, out.points, out.layer);
  return out;
}

test("scatter: below budget, exactly the first point of each distinct pixel among visible points", () => {
  const [width, height] = [200, 100];
  for (const pixelRatio of [1, 2]) {
    const axes = axesOf([0, 10], [0, 5], width, height, pixelRatio);
    // Some points off the view, some just off it (a marker there still shows its edge), many sharing pixels.
    const points = uniform(41, 3000, [-1, 11], [-0.5, 5.5]);
    const margin = Math.ceil((MARKER_SIZE / 2) * pixelRatio);
    const seen = new Set<string>();
    const [xs, ys]: number[][] = [[], []];
    points.xs.forEach((x, j) => {
      const [px, py] = [Math.floor(toPixel(axes.x, x)), Math.floor(toPixel(axes.y, points.ys[j]!))];
      const visible = px >= -margin && px < width + margin && py >= -margin && py < height + margin;
      if (!visible || seen.has(`${px},${py}`)) return;
      seen.add(`${px},${py}`);
      xs.push(x);
      ys.push(points.ys[j]!);
    });
    assert.ok(xs.length < points.xs.length * 0.95, `pixel ratio ${pixelRatio}: the data has pixels to share`);
    const out = reduceScatter(points, axes, 4096);
    assert.deepEqual(pointsOf(out.points), { xs: Float64Array.from(xs), ys: Float64Array.from(ys) }, `pixel ratio ${pixelRatio}`);
    assert.equal(out.layer.length, 0, `pixel ratio ${pixelRatio}: no layer`);
  }
});

test("scatter: above budget, a density layer of the view's size paints every pixel holding a point", () => {
  const [width, height] = [200, 100];
  const axes = axesOf([0, 10], [0, 5], width, height);
  // In the left half only: the right half must stay transparent.
  const points = uniform(42, 20_000, [-0.5, 4.5], [-0.5, 5.5]);
  const out = reduceScatter(points, axes, 500);
  assert.equal(out.points.length, 0, "no vector points");
  assert.equal(out.layer.length, width * height);
  assert.deepEqual(out.layer.image, { width, height, x: 0, y: 0, dw: 10, dh: 5 } satisfies ImagePlacement);
  const layer = out.layer.columns.rgba as Uint32Array;
  points.xs.forEach((x, j) => {
    const [px, py] = [Math.floor(toPixel(axes.x, x)), Math.floor(toPixel(axes.y, points.ys[j]!))];
    if (px >= 0 && px < width && py >= 0 && py < height) assert.equal(layer[py * width + px], SCATTER_COLOR, `point ${j} at pixel (${px}, ${py})`);
  });
  assert.ok(
    layer.every((pixel) => pixel === 0 || pixel === SCATTER_COLOR),
    "painted in the colour, else transparent",
  );
  assert.equal(layer[50 * width + 150], 0, "far from every point stays transparent");
});

// ---------------------------------------------------------------------------------------------
// Images
// ---------------------------------------------------------------------------------------------

const IMAGE_SIZE = 64;

/** A random image, a quarter of its pixels transparent, with hand-made blocks at the bottom left (4×4 blocks 0 to 3). */
function testImage(): Uint32Array {
  const random = seededRandom(51);
  const byte = () => Math.floor(random() * 256);
  const image = Uint32Array.from({ length: IMAGE_SIZE * IMAGE_SIZE }, () => (random() < 0.25 ? 0 : rgba(byte(), byte(), byte(), 1 + Math.floor(random() * 255))));
  const block = (bx: number, paint: (k: number) => number) => {
    for (let k = 0; k < 16; k++) image[(k >> 2) * IMAGE_SIZE + bx * 4 + (k & 3)] = paint(k);
  };
  block(0, (k) => (k < 8 ? rgba(255, 0, 0) : rgba(0, 0, 255, 0)));
  block(1, (k) => (k < 4 ? rgba(0, 0, 255) : rgba(255, 255, 255, 85)));
  block(2, () => rgba(12, 34, 56, 78));
  block(3, () => rgba(9, 9, 9, 0));
  return image;
}

/** Alpha-weighted mean colour and mean alpha of pixels [x0, x1) × [y0, y1), as floats [r, g, b, a]. */
function blockMean(image: Uint32Array, x0: number, x1: number, y0: number, y1: number): number[] {
  const sums = [0, 0, 0, 0];
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const p = image[y * IMAGE_SIZE + x]!;
      const a = p >>> 24;
      for (let c = 0; c < 3; c++) sums[c]! += ((p >>> (8 * c)) & 0xff) * a;
      sums[3]! += a;
    }
  }
  const a = sums[3]!;
  return a === 0 ? [0, 0, 0, 0] : [sums[0]! / a, sums[1]! / a, sums[2]! / a, a / ((x1 - x0) * (y1 - y0))];
}

const channels = (p: number) => [p & 0xff, (p >>> 8) & 0xff, (p >>> 16) & 0xff, p >>> 24];

function reduceTestImage(glyph: ImageGlyph, axes: PanelAxes): FrameSource {
  const image = testImage();
  const series: Series = { columns: { rgba: image }, start: 0, end: image.length, capacity: image.length, generation: 0 };
  const out = frameSource({ rgba: "u32" }, axes.x.pixels * axes.y.pixels);
  reduceImage(glyph, series, axes, axes.x.pixels * axes.y.pixels, out);
  return out;
}

/** Every output pixel is the mean of its f×f block from (c0, r0): each channel within 1 (rounding). */
function assertBlockMeans(out: FrameSource, f: number, c0: number, r0: number): void {
  const image = testImage();
  const { width, height } = out.image!;
  const pixels = out.columns.rgba as Uint32Array;
  for (let oy = 0; oy < height; oy++) {
    for (let ox = 0; ox < width; ox++) {
      const mean = blockMean(image, c0 + ox * f, c0 + (ox + 1) * f, r0 + oy * f, r0 + (oy + 1) * f);
      const got = channels(pixels[oy * width + ox]!);
      const what = `pixel (${ox}, ${oy}): ${got} vs ${mean.map((v) => v.toFixed(2))}`;
      // A transparent block's colour is no matter: only its alpha.
      for (let c = mean[3]! === 0 ? 3 : 0; c < 4; c++) assert.ok(Math.abs(got[c]! - mean[c]!) <= 1, what);
    }
  }
}

test("image: a 64×64 image in a 16×16 view becomes the alpha-weighted means of its 4×4 blocks", () => {
  const glyph: ImageGlyph = { kind: "image", source: "s", image: "rgba", width: IMAGE_SIZE, height: IMAGE_SIZE, x: 0, y: 0, dw: 64, dh: 64 };
  const out = reduceTestImage(glyph, axesOf([0, 64], [0, 64], 16, 16));
  assert.equal(out.length, 256);
  assert.deepEqual(out.image, { width: 16, height: 16, x: 0, y: 0, dw: 64, dh: 64 } satisfies ImagePlacement);
  const pixels = out.columns.rgba as Uint32Array;
  // Worked by hand: transparent pixels do not darken (red stays 255, alpha halves); 4 opaque blue
  // and 12 white at alpha 85 weigh the same (alpha 2040/16 = 127.5, red 12·85·255/2040 = 127.5).
  assert.equal(pixels[0], rgba(255, 0, 0, 128), "half opaque red, half transparent blue");
  assert.equal(pixels[1], rgba(128, 128, 255, 128), "a quarter opaque blue, the rest faint white");
  assert.equal(pixels[2], rgba(12, 34, 56, 78), "a uniform block keeps its colour");
  assert.equal(pixels[3], 0, "a transparent block stays transparent");
  assertBlockMeans(out, 4, 0, 0);
});

test("image: a view of half the range in each axis crops to the visible part, placed where it lies", () => {
  // Source pixels 2 data units wide and 1 high, the image's corner at (100, -50).
  const glyph: ImageGlyph = { kind: "image", source: "s", image: "rgba", width: IMAGE_SIZE, height: IMAGE_SIZE, x: 100, y: -50, dw: 128, dh: 64 };
  const out = reduceTestImage(glyph, axesOf([132, 196], [-34, -2], 16, 16));
  // Columns 16–47 and rows 16–47 are visible: 32 source pixels over 16 device pixels, 2×2 blocks.
  assert.deepEqual(out.image, { width: 16, height: 16, x: 132, y: -34, dw: 64, dh: 32 } satisfies ImagePlacement);
  assertBlockMeans(out, 2, 16, 16);
  // A view whose ends fall inside source pixels: the crop covers it, by less than a source pixel on each side.
  const view: [number, number, number, number] = [133.3, 197.1, -33.6, -1.2];
  const { image } = reduceTestImage(glyph, axesOf([view[0], view[1]], [view[2], view[3]], 16, 16));
  assert.ok(image, "an image");
  assert.ok(image.x <= view[0] && image.x > view[0] - 2, `left edge ${image.x}`);
  assert.ok(image.x + image.dw >= view[1] && image.x + image.dw < view[1] + 2, `right edge ${image.x + image.dw}`);
  assert.ok(image.y <= view[2] && image.y > view[2] - 1, `bottom edge ${image.y}`);
  assert.ok(image.y + image.dh >= view[3] && image.y + image.dh < view[3] + 1, `top edge ${image.y + image.dh}`);
});

test("trail: all vector while it merges to at most the budget; past it, a raster and only the newest `tail` points as a vector", () => {
  const [budget, tail, width, height] = [60, 10, 120, 80];
  const points = trailWalk(41, 4000, 1);
  const axes = axesOf(padded(extent(points.xs), 0.05), padded(extent(points.ys), 0.05), width, height);
  const store = appendStore(points.xs.length);
  const reducer = new TrailReducer("x", "y", budget, tail, { width, height }, store);
  let sawVectorOnly = false;
  let sawRaster = false;
  for (let fed = 0; fed < points.xs.length; fed += 20) {
    append(store, points, fed, Math.min(points.xs.length, fed + 20));
    const { vector, layer } = reduceTrail(reducer, store.series, axes, budget);
    if (layer.length === 0) {
      sawVectorOnly = true;
      assert.ok(vector.xs.length <= budget + 2, `${vector.xs.length} vector points within the budget, no raster`);
    } else {
      sawRaster = true;
      assert.ok(vector.xs.length <= tail + 2, `rasterised: ${vector.xs.length} vector points, tail ${tail}`);
    }
  }
  assert.ok(sawVectorOnly && sawRaster, "the trail went from all vector to raster and tail");
});

test("an auto range follows growing data in steps: always holding the data, at least half filled, moving seldom", () => {
  for (const log of [false, true]) {
    let range: [number, number] | undefined;
    let moves = 0;
    for (let k = 1; k <= 1000; k++) {
      const bounds = new Bounds(log);
      // Linear: 0…k, growing; log: a loss falling from 10 over the decades.
      for (const v of log ? [10, 10 * 0.99 ** k] : [0, k]) bounds.add(v);
      const next = followRange(bounds, range);
      if (range && (next[0] !== range[0] || next[1] !== range[1])) moves++;
      range = next;
      const t = log ? Math.log10 : (v: number) => v;
      assert.ok(range[0] <= bounds.min && bounds.max <= range[1], `${log ? "log" : "linear"} frame ${k}: [${range}] holds [${bounds.min}, ${bounds.max}]`);
      assert.ok(t(bounds.max) - t(bounds.min) >= 0.45 * (t(range[1]) - t(range[0])), `${log ? "log" : "linear"} frame ${k}: the data fills half of [${range}]`);
    }
    assert.ok(moves <= 30, `${log ? "log" : "linear"}: the range moved ${moves} times in 1000 frames`);
  }
});
