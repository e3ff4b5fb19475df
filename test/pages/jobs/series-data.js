// Deterministic data sets for the reduction tests, made alike in the worker (by fixed-series.js)
// and in the page (by full-draw.ts, which draws them in full for comparison).

/** A small seeded generator (mulberry32): the same numbers in any JavaScript engine. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `kind` "walk": a random walk over ascending x (a time series); "trail": a wandering 2-D path whose
 * x goes back and forth (a phase portrait). `n` points; `seed` picks the data.
 */
export function makeSeries(kind, n, seed) {
  const next = random(seed);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  let vx = 0;
  let vy = 0;
  for (let i = 1; i < n; i++) {
    if (kind === "walk") {
      x[i] = i;
      y[i] = y[i - 1] + next() - 0.5;
    } else {
      vx = 0.999 * vx + (next() - 0.5) * 0.02;
      vy = 0.999 * vy + (next() - 0.5) * 0.02;
      x[i] = x[i - 1] + vx;
      y[i] = y[i - 1] + vy;
    }
  }
  return { x, y };
}

/** [min, max] of `values`, widened by 5% on each side. */
export function paddedExtent(values) {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const pad = (max - min) * 0.05;
  return [min - pad, max + pad];
}

/** The scene both drawings share: one line, fixed ranges around the data. */
export function seriesScene(data) {
  return {
    sources: { s: { columns: { x: "f64", y: "f64" }, capacity: data.x.length } },
    glyphs: [{ kind: "line", source: "s", x: "x", y: "y", color: "#1f77b4", width: 1 }],
    xRange: paddedExtent(data.x),
    yRange: paddedExtent(data.y),
  };
}
