/** Coverage of a pixel fully covered by a line, in the raster's integer units. */
const FULL = 256;

/**
 * Line coverage per device pixel, summed over the segments drawn through it. Segments are drawn
 * anti-aliased (Xiaolin Wu: along the major axis, each step splits one pixel's worth of coverage
 * between the two pixels the line passes between), in integers, so adding and later removing the
 * same segment (same view) restores every pixel exactly: a trail's raster follows a ring of points
 * incrementally, each point drawn once when it joins the raster and once when it leaves the ring.
 */
export class CountRaster {
  readonly counts: Int32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.counts = new Int32Array(width * height);
  }

  clear(): void {
    this.counts.fill(0);
  }

  /** Adds `delta` times the coverage of the segment (x0, y0)–(x1, y1), in pixel coordinates (y up), clipped to the raster. */
  segment(x0: number, y0: number, x1: number, y1: number, delta: number): void {
    const clipped = clip(x0, y0, x1, y1, this.width, this.height);
    if (!clipped) return;
    const [ax, ay, bx, by] = clipped;
    const steep = Math.abs(by - ay) > Math.abs(bx - ax);
    // Along the major axis u, across it v: one step per pixel column (or row) the segment crosses.
    const [u0, v0, u1, v1] = steep ? (ay <= by ? [ay, ax, by, bx] : [by, bx, ay, ax]) : ax <= bx ? [ax, ay, bx, by] : [bx, by, ax, ay];
    const slope = u1 === u0 ? 0 : (v1 - v0) / (u1 - u0);
    const counts = this.counts;
    const w = this.width;
    const across = steep ? this.width : this.height;
    const first = Math.floor(u0);
    const last = Math.floor(u1);
    for (let u = first; u <= last; u++) {
      // The line's position across the major axis at the middle of this step (ends clamped to the segment).
      const v = v0 + slope * (Math.min(Math.max(u + 0.5, u0), u1) - u0) - 0.5;
      const lower = Math.floor(v);
      const share = Math.round((v - lower) * FULL);
      for (const [at, weight] of [
        [lower, FULL - share],
        [lower + 1, share],
      ] as const) {
        if (weight === 0 || at < 0 || at >= across) continue;
        counts[steep ? u * w + at : at * w + u]! += delta * weight;
      }
    }
  }

  /** Paints `color` with its alpha scaled by each pixel's coverage (full from one line's worth) into `out`, row 0 at the bottom. */
  paint(color: number, out: Uint32Array): void {
    const counts = this.counts;
    const rgb = color & 0xffffff;
    const alpha = color >>> 24;
    for (let i = 0; i < counts.length; i++) {
      const c = counts[i]!;
      out[i] = c <= 0 ? 0 : ((((c >= FULL ? alpha : (alpha * c) >> 8) << 24) | rgb) >>> 0);
    }
  }
}

/**
 * Liang–Barsky clipping of a segment to [0, w) × [0, h). Null when nothing of it is inside or an end
 * is not finite (a break in the line).
 */
function clip(x0: number, y0: number, x1: number, y1: number, w: number, h: number): [number, number, number, number] | null {
  if (!Number.isFinite(x0) || !Number.isFinite(y0) || !Number.isFinite(x1) || !Number.isFinite(y1)) return null;
  const dx = x1 - x0;
  const dy = y1 - y0;
  let t0 = 0;
  let t1 = 1;
  const maxX = w - 1e-9;
  const maxY = h - 1e-9;
  for (const [p, q] of [
    [-dx, x0],
    [dx, maxX - x0],
    [-dy, y0],
    [dy, maxY - y0],
  ] as const) {
    if (p === 0) {
      if (q < 0) return null;
    } else {
      const r = q / p;
      if (p < 0) {
        if (r > t1) return null;
        if (r > t0) t0 = r;
      } else {
        if (r < t0) return null;
        if (r < t1) t1 = r;
      }
    }
  }
  return [x0 + t0 * dx, y0 + t0 * dy, x0 + t1 * dx, y0 + t1 * dy];
}
