import type { FrameSource } from "../../protocol/index.js";
import type { Series } from "./series.js";
import { placement } from "./trail.js";
import { toPixel, type PanelAxes } from "./view.js";

/**
 * Pixel-deduplication of a scatter: of the points falling in one device pixel, the first stands for
 * all (their markers would cover each other). Past `budget` distinct pixels, markers are stamped into
 * an RGBA density layer instead, each pixel covered by some marker painted once. The result is kept
 * until the points or the view change, so a fixed data set (regression) costs nothing per frame but a copy.
 */
export class ScatterReducer {
  private key = "";
  private stamp: Int32Array | undefined;
  private kept: Uint32Array;
  private keptCount = 0;
  private layer: Uint32Array | undefined;
  private layerSize = { width: 0, height: 0 };

  constructor(
    private readonly xName: string,
    private readonly yName: string,
    private readonly budget: number,
    /** Marker diameter in CSS pixels. */
    private readonly size: number,
    private readonly maxRaster: { width: number; height: number },
  ) {
    this.kept = new Uint32Array(budget);
  }

  reduce(series: Series, axes: PanelAxes, color: number, points: FrameSource, layer: FrameSource): void {
    const key = `${axes.key}|${series.generation}|${series.start}|${series.end}`;
    if (key !== this.key) {
      this.key = key;
      this.compute(series, axes, color);
    }
    const xs = series.columns[this.xName]!;
    const ys = series.columns[this.yName]!;
    const outX = points.columns.x as Float64Array;
    const outY = points.columns.y as Float64Array;
    const dense = this.keptCount > this.budget;
    const count = dense ? 0 : this.keptCount;
    for (let k = 0; k < count; k++) {
      const s = this.kept[k]! % series.capacity;
      outX[k] = xs[s]!;
      outY[k] = ys[s]!;
    }
    points.length = count;
    if (dense && this.layer) {
      (layer.columns.rgba as Uint32Array).set(this.layer);
      layer.length = this.layer.length;
      layer.image = { ...this.layerSize, ...placement(axes) };
    } else {
      layer.length = 0;
      layer.image = undefined;
    }
  }

  private compute(series: Series, axes: PanelAxes, color: number): void {
    // Device pixels, with a margin of a marker's radius: markers just outside still show their edge.
    const radius = (this.size / 2) * axes.pixelRatio;
    const margin = Math.ceil(radius);
    const w = axes.x.pixels + 2 * margin;
    const h = axes.y.pixels + 2 * margin;
    if (!this.stamp || this.stamp.length < w * h) this.stamp = new Int32Array(w * h);
    const stamp = this.stamp;
    stamp.fill(0, 0, w * h);
    const xs = series.columns[this.xName]!;
    const ys = series.columns[this.yName]!;
    const cap = series.capacity;
    let count = 0;
    for (let i = series.start; i < series.end; i++) {
      const s = i % cap;
      const px = Math.floor(toPixel(axes.x, xs[s]!)) + margin;
      const py = Math.floor(toPixel(axes.y, ys[s]!)) + margin;
      if (!(px >= 0 && px < w && py >= 0 && py < h) || stamp[py * w + px]) continue;
      stamp[py * w + px] = 1;
      if (count < this.budget) this.kept[count] = i;
      count++;
    }
    this.keptCount = count;
    if (count > this.budget) this.paintLayer(stamp, w, h, margin, radius, axes, color);
  }

  /** Stamps a disc of `radius` at every marked pixel into a layer of the view's size (at most the raster's). */
  private paintLayer(stamp: Int32Array, w: number, h: number, margin: number, radius: number, axes: PanelAxes, color: number): void {
    const width = Math.min(axes.x.pixels, this.maxRaster.width);
    const height = Math.min(axes.y.pixels, this.maxRaster.height);
    const sx = width / axes.x.pixels;
    const sy = height / axes.y.pixels;
    if (!this.layer || this.layer.length !== width * height) this.layer = new Uint32Array(width * height);
    const layer = this.layer;
    layer.fill(0);
    this.layerSize = { width, height };
    const r = radius * Math.min(sx, sy);
    const reach = Math.ceil(r);
    const disc: number[] = [];
    for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) if (dx * dx + dy * dy <= r * r + 0.25) disc.push(dx, dy);
    for (let py = 0; py < h; py++) {
      for (let px = 0; px < w; px++) {
        if (!stamp[py * w + px]) continue;
        const cx = Math.floor((px - margin + 0.5) * sx);
        const cy = Math.floor((py - margin + 0.5) * sy);
        for (let k = 0; k < disc.length; k += 2) {
          const x = cx + disc[k]!;
          const y = cy + disc[k + 1]!;
          if (x >= 0 && x < width && y >= 0 && y < height) layer[y * width + x] = color;
        }
      }
    }
  }
}
