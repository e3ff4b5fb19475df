/**
 * A count per device pixel of the segments drawn through it. Adding and later removing the same
 * segment (same view) restores every count, so a trail's raster follows a ring of points
 * incrementally: each point is drawn once when it joins the raster and once when it leaves the ring.
 */
export class CountRaster {
  readonly counts: Int32Array;
  /** Pixels with a non-zero count changed since the last paint. */
  dirty = true;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.counts = new Int32Array(width * height);
  }

  clear(): void {
    this.counts.fill(0);
    this.dirty = true;
  }

  /**
   * Adds `delta` to every pixel on the segment (x0, y0)–(x1, y1), in pixel coordinates (y up),
   * clipped to the raster: the pixels Bresenham's algorithm visits between the two ends' pixels.
   */
  segment(x0: number, y0: number, x1: number, y1: number, delta: number): void {
    const clipped = clip(x0, y0, x1, y1, this.width, this.height);
    if (!clipped) return;
    let [ax, ay, bx, by] = clipped;
    const dx = Math.abs(bx - ax);
    const dy = -Math.abs(by - ay);
    const sx = ax < bx ? 1 : -1;
    const sy = ay < by ? 1 : -1;
    let error = dx + dy;
    const counts = this.counts;
    const w = this.width;
    for (;;) {
      counts[ay * w + ax]! += delta;
      if (ax === bx && ay === by) break;
      const e2 = 2 * error;
      if (e2 >= dy) {
        error += dy;
        ax += sx;
      }
      if (e2 <= dx) {
        error += dx;
        ay += sy;
      }
    }
    this.dirty = true;
  }

  /** Paints `color` where the count is positive, transparent elsewhere, into `out` (row 0 at the bottom). */
  paint(color: number, out: Uint32Array): void {
    const counts = this.counts;
    for (let i = 0; i < counts.length; i++) out[i] = counts[i]! > 0 ? color : 0;
  }
}

/**
 * Liang–Barsky clipping of a segment to [0, w) × [0, h), then to whole pixels. Null when nothing of
 * it is inside or an end is not finite (a break in the line).
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
  const px = (t: number, a: number, d: number, max: number) => Math.min(max, Math.max(0, Math.floor(a + t * d)));
  return [px(t0, x0, dx, w - 1), px(t0, y0, dy, h - 1), px(t1, x0, dx, w - 1), px(t1, y0, dy, h - 1)];
}
