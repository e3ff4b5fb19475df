// Shared by the reduction tests: seeded data, series built by hand, frame buffers, and a brute-force
// rasteriser (CountRaster over every segment of a polyline) to compare reductions against.
import type { Column, ColumnType, FrameData, FrameSource, Job, Scene } from "../../src/protocol/types.js";
import { CountRaster } from "../../src/worker/reduction/raster.js";
import type { Series } from "../../src/worker/reduction/series.js";
import { panelAxes, toPixel, type PanelAxes } from "../../src/worker/reduction/view.js";
import { seededRandom } from "../../src/worker/numerics/random.js";

export interface Points {
  xs: Float64Array;
  ys: Float64Array;
}

/**
 * `n` points with strictly ascending, unevenly spaced x (exponential gaps: dense clusters and wide
 * holes) and a random-walk y.
 */
export function ascendingWalk(seed: number, n: number): Points {
  const random = seededRandom(seed);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let x = 0;
  let y = 0;
  for (let i = 0; i < n; i++) {
    x += -Math.log(1 - random()) + 1e-6;
    y += random() - 0.5;
    xs[i] = x;
    ys[i] = y;
  }
  return { xs, ys };
}

/**
 * `n` points with the x of `ascendingWalk` and a smooth y (a random walk of its slope): a line that
 * moves little within a pixel column, which the engine keeps as M4 points, not column spans.
 */
export function smoothAscending(seed: number, n: number): Points {
  const { xs, ys } = ascendingWalk(seed, n);
  const random = seededRandom(seed + 1);
  let [y, slope] = [0, 0];
  for (let i = 0; i < n; i++) {
    slope += (random() - 0.5) / n;
    y += slope;
    ys[i] = y;
  }
  return { xs, ys };
}

/** `n` points of a 2-D random walk (x goes back and forth: a trail) with steps of at most `step`. */
export function trailWalk(seed: number, n: number, step: number): Points {
  const random = seededRandom(seed);
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  let [x, y] = [0, 0];
  for (let i = 0; i < n; i++) {
    x += (random() - 0.5) * 2 * step;
    y += (random() - 0.5) * 2 * step;
    xs[i] = x;
    ys[i] = y;
  }
  return { xs, ys };
}

/**
 * A series holding `points` as a full ring: point j at absolute index `offset + j`, so with an
 * offset the ring wraps (slot `(offset + j) % n`), as an append source's does.
 */
export function seriesOf({ xs, ys }: Points, offset = 0): Series {
  const n = xs.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    x[(offset + j) % n] = xs[j]!;
    y[(offset + j) % n] = ys[j]!;
  }
  return { columns: { x, y }, start: offset, end: offset + n, capacity: n, generation: 0 };
}

/** The points a series holds, in index order. */
export function pointsIn(series: Series, xName = "x", yName = "y"): Points {
  const n = series.end - series.start;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const s = (series.start + j) % series.capacity;
    xs[j] = series.columns[xName]![s]!;
    ys[j] = series.columns[yName]![s]!;
  }
  return { xs, ys };
}

/** The first `length` points of a frame source's x and y columns. */
export function pointsOf(source: FrameSource): Points {
  return {
    xs: (source.columns.x as Float64Array).slice(0, source.length),
    ys: (source.columns.y as Float64Array).slice(0, source.length),
  };
}

/** Finite min and max of some values. */
export function extent(values: ArrayLike<number>): [number, number] {
  let [min, max] = [Infinity, -Infinity];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) [min, max] = [Math.min(min, v), Math.max(max, v)];
  }
  return [min, max];
}

/** `range` widened by `share` of its span on each side. */
export function padded([a, b]: [number, number], share: number): [number, number] {
  return [a - (b - a) * share, b + (b - a) * share];
}

/** Axes for a linear view of `x` × `y` over `width` × `height` device pixels. */
export function axesOf(x: [number, number], y: [number, number], width: number, height: number, pixelRatio = 1): PanelAxes {
  return panelAxes({ x, y }, { x, y, width, height, pixelRatio }, false);
}

/** An empty frame source with the given columns, `capacity` long. */
export function frameSource(columns: Record<string, ColumnType>, capacity: number): FrameSource {
  const made: Record<string, Column> = {};
  for (const [name, type] of Object.entries(columns)) made[name] = type === "u32" ? new Uint32Array(capacity) : new Float64Array(capacity);
  return { length: 0, columns: made };
}

/**
 * The pixels a polyline lights when drawn one pixel wide without anti-aliasing (Bresenham between the
 * pixels of consecutive points; NaN breaks the line): the rendering M4 is exact for. A reference
 * written here, apart from the engine's own rasteriser.
 */
export function drawn(points: Points, axes: PanelAxes, width = axes.x.pixels, height = axes.y.pixels): Uint8Array {
  const mask = new Uint8Array(width * height);
  const sx = width / axes.x.pixels;
  const sy = height / axes.y.pixels;
  const { xs, ys } = points;
  const pixel = (i: number) => [Math.floor(toPixel(axes.x, xs[i]!) * sx), Math.floor(toPixel(axes.y, ys[i]!) * sy)];
  for (let i = 0; i + 1 < xs.length; i++) {
    let [x, y] = pixel(i) as [number, number];
    const [x1, y1] = pixel(i + 1) as [number, number];
    if (![x, y, x1, y1].every(Number.isFinite)) continue;
    const dx = Math.abs(x1 - x);
    const dy = -Math.abs(y1 - y);
    let error = dx + dy;
    for (;;) {
      if (x >= 0 && x < width && y >= 0 && y < height) mask[y * width + x] = 1;
      if (x === x1 && y === y1) break;
      const e2 = 2 * error;
      if (e2 >= dy) {
        error += dy;
        x += x < x1 ? 1 : -1;
      }
      if (e2 <= dx) {
        error += dx;
        y += y < y1 ? 1 : -1;
      }
    }
  }
  return mask;
}

/** The pixels the engine's own rasteriser (CountRaster, anti-aliased) gives any coverage for a polyline. */
export function rasterised(points: Points, axes: PanelAxes): Uint8Array {
  const raster = new CountRaster(axes.x.pixels, axes.y.pixels);
  const { xs, ys } = points;
  for (let i = 0; i + 1 < xs.length; i++) {
    raster.segment(toPixel(axes.x, xs[i]!), toPixel(axes.y, ys[i]!), toPixel(axes.x, xs[i + 1]!), toPixel(axes.y, ys[i + 1]!), 1);
  }
  return Uint8Array.from(raster.counts, (count) => (count > 0 ? 1 : 0));
}

/**
 * Lit pixels of `a` with no lit pixel of `b` within `reach` pixels, and the same the other way: 0
 * both ways means the two drawings put ink in the same places, to within a pixel.
 */
export function strayPixels(a: ArrayLike<number>, b: ArrayLike<number>, width: number, reach = 1): { aStray: number; bStray: number } {
  const height = a.length / width;
  const stray = (from: ArrayLike<number>, to: ArrayLike<number>) => {
    let count = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (!from[y * width + x]) continue;
        let near = false;
        for (let dy = -reach; dy <= reach && !near; dy++) {
          for (let dx = -reach; dx <= reach && !near; dx++) {
            const [u, v] = [x + dx, y + dy];
            near = u >= 0 && u < width && v >= 0 && v < height && !!to[v * width + u];
          }
        }
        if (!near) count++;
      }
    }
    return count;
  };
  return { aStray: stray(a, b), bStray: stray(b, a) };
}

/** How many pixels are lit in `a` or `b`, and how many are lit in only one of them. */
export function compareMasks(a: ArrayLike<number>, b: ArrayLike<number>): { lit: number; differing: number } {
  let lit = 0;
  let differing = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] || b[i]) lit++;
    if (!a[i] !== !b[i]) differing++;
  }
  return { lit, differing };
}

/** A job that draws `scene` and writes through `write`; it counts its writes. */
export function fakeJob(scene: Scene, write: (frame: FrameData) => void): Job & { writes: number } {
  const job = {
    scene,
    writes: 0,
    advance() {},
    write(frame: FrameData) {
      job.writes++;
      write(frame);
    },
    snapshot: () => ({}),
    counters: () => ({ steps: 0 }),
  };
  return job;
}
