import { GLYPH_COLORS, LINE_WIDTH, type Column, type ExportedData, type PickedPoint, type FrameData, type FrameSource, type GlyphSpec, type ImageGlyph, type Job, type LineGlyph, type PanelRanges, type PanelSpec, type PanelView, type ScatterGlyph, type Scene, type SourceSpec } from "../../protocol/index.js";
import { pixelColor } from "./color.js";
import { reduceImage } from "./image.js";
import { m4, m4Capacity } from "./m4.js";
import { ScatterReducer } from "./scatter.js";
import { SourceStore, type Series } from "./series.js";
import { SpanPainter } from "./spans.js";
import { TrailReducer } from "./trail.js";
import { Bounds, followRange, panelAxes, type PanelAxes } from "./view.js";
import { dateClock } from "../engine/work-clock.js";

/**
 * A trail stays all vector up to this many merged points per pixel column; past that its newest
 * TRAIL_TAIL points per column stay vector, over a raster of the rest.
 */
const TRAIL_BUDGET = 2;
const TRAIL_TAIL = 1 / 4;
/** Distinct marker positions drawn as vector circles at most; more become a density layer. */
const SCATTER_BUDGET = 4096;
/** Writes asked of a job in one take at most (10⁷ / APPEND_CHUNK, with room to spare). */
const MAX_TAKE_ROUNDS = 1024;
/** Extra panels are this share of the plot's height (as the page lays them out). */
const EXTRA_PANEL_HEIGHT = 0.45;

/** The plot area the page has, in device pixels: the most any reduction is made for. */
export interface Viewport {
  width: number;
  height: number;
}

interface SeriesLayer {
  kind: "line" | "scatter";
  glyph: LineGlyph | ScatterGlyph;
  store: SourceStore;
  /** Wire sources: the vector points, and the raster layer beneath (none for a source too small to need one). */
  vector: string;
  raster: string | undefined;
  color: number;
  trail?: TrailReducer;
  /** For a line with a raster layer: paints it as column spans when it zigzags too densely to stroke. */
  spans?: SpanPainter;
  scatter?: ScatterReducer;
  /** Whether x ascends, checked incrementally: the last i with x[i] < x[i − 1] or a NaN in either, up to `checkedEnd`. */
  lastDescent: number;
  checkedEnd: number;
  generation: number;
}

interface ImageLayer {
  kind: "image";
  glyph: ImageGlyph;
  store: SourceStore;
  wire: string;
}

type Layer = SeriesLayer | ImageLayer;

interface Panel {
  spec: PanelSpec;
  layers: Layer[];
  view: PanelView;
  /** The ranges last resolved for axes that follow the data ("auto"). */
  followed: { x?: [number, number]; y?: [number, number] };
}

/**
 * The engine's reduction of a job's frames to what the plot can show. The job writes full-resolution
 * data into `staging`; `reduce` turns it into a frame of the display scene, sized by device pixels,
 * whatever the data's size: M4 for lines whose x ascends, screen-space trails (with a raster beneath)
 * for the others, pixel-deduplicated scatters (or a density layer), and images cut and averaged to
 * the view. Every job goes through it, built-in or a user's module: none needs to reduce by itself.
 */
export class FrameReducer {
  /** What the page draws: every glyph of the job's scene fed by a source of its own. */
  readonly scene: Scene;
  /** What the job writes into (kept in the worker, never sent). */
  readonly staging: FrameData;
  private readonly stores: Map<string, SourceStore>;
  private readonly panels: Panel[];
  /** With a shared x: every panel's layers, whose data an "auto" x follows. */
  private readonly sharedXLayers: Layer[] | undefined;
  private readonly room: number;

  constructor(jobScene: Scene, viewport: Viewport) {
    const width = Math.max(1, Math.round(viewport.width));
    const height = Math.max(1, Math.round(viewport.height));
    this.room = width * height;
    this.stores = new Map(Object.entries(jobScene.sources).map(([name, spec]) => [name, new SourceStore(spec)]));
    this.staging = Object.fromEntries([...this.stores].map(([name, store]) => [name, store.staging]));
    const sources: Record<string, SourceSpec> = {};
    const specs = [jobScene, ...(jobScene.panels ?? [])];
    const displayPanels: PanelSpec[] = [];
    this.panels = specs.map((spec, p) => {
      const panelHeight = p === 0 ? height : Math.max(1, Math.round(height * EXTRA_PANEL_HEIGHT));
      const maxRaster = { width, height: panelHeight };
      const rasters: GlyphSpec[] = [];
      const vectors: GlyphSpec[] = [];
      const layers = spec.glyphs.map((glyph, i): Layer => {
        const store = this.stores.get(glyph.source)!;
        const name = `p${p}g${i}`;
        if (glyph.kind === "image") {
          sources[name] = { columns: { rgba: "u32" }, capacity: this.room };
          vectors.push(imageGlyph(name, width, height));
          return { kind: "image", glyph, store, wire: name };
        }
        const color = glyph.color ?? GLYPH_COLORS[i % GLYPH_COLORS.length]!;
        const budget = glyph.kind === "line" ? TRAIL_BUDGET * width : SCATTER_BUDGET;
        sources[name] = { columns: { x: "f64", y: "f64" }, capacity: glyph.kind === "line" ? Math.max(m4Capacity(width), budget + 2) : budget };
        // A source that holds no more points than the budget never needs a raster: the page then has
        // one glyph less to update and paint every frame.
        const raster = store.series.capacity > budget ? `${name}r` : undefined;
        if (raster) {
          sources[raster] = { columns: { rgba: "u32" }, capacity: this.room };
          rasters.push(imageGlyph(raster, width, panelHeight));
        }
        vectors.push({ ...glyph, color, source: name, x: "x", y: "y" });
        const layer: SeriesLayer = {
          kind: glyph.kind,
          glyph,
          store,
          vector: name,
          raster,
          color: pixelColor(color, glyph.alpha ?? 1),
          lastDescent: -1,
          checkedEnd: 0,
          generation: -1,
        };
        if (glyph.kind === "line") {
          layer.trail = new TrailReducer(glyph.x, glyph.y, budget, Math.ceil(TRAIL_TAIL * width), maxRaster, store);
          if (raster) layer.spans = new SpanPainter(maxRaster, glyph.width ?? LINE_WIDTH);
        }
        else layer.scatter = new ScatterReducer(glyph.x, glyph.y, budget, glyph.size ?? 6, maxRaster);
        return layer;
      });
      const { sources: _sources, panels: _panels, ...texts } = spec as Scene;
      displayPanels.push({ ...texts, glyphs: [...rasters, ...vectors] });
      const view: PanelView = { x: spec.xRange ?? "auto", y: spec.yRange ?? "auto", width, height: panelHeight, pixelRatio: 1 };
      return { spec, layers, view, followed: {} };
    });
    this.sharedXLayers = jobScene.sharedX ? this.panels.flatMap((panel) => panel.layers) : undefined;
    const [main, ...extra] = displayPanels;
    this.scene = { ...main!, sources, ...(extra.length > 0 ? { panels: extra } : {}) };
  }

  /** The page's view, panel by panel (main first). */
  setView(views: readonly PanelView[]): void {
    views.forEach((view, p) => {
      if (this.panels[p]) this.panels[p].view = view;
    });
  }

  /**
   * Lets the job write, then takes what it wrote. An append source whose write filled the staging
   * may have more: the job is asked again until it has given everything.
   */
  take(job: Job): void {
    for (let round = 0; ; round++) {
      for (const store of this.stores.values()) if (store.append) store.staging.length = 0;
      job.write(this.staging);
      let more = false;
      for (const store of this.stores.values()) more = store.commit() || more;
      // A write fills a chunk at most: the largest ring (10⁷ points) needs ~150 rounds; a job that
      // keeps filling past any ring's worth is cut off here rather than looping forever.
      if (!more || round > MAX_TAKE_ROUNDS) return;
    }
  }

  /**
   * For each named line or scatter of panel `p`, its point whose x is nearest `x`, from all the points
   * kept (not the reduced ones): by bisection where x ascends, else by a scan.
   */
  pick(p: number, x: number): PickedPoint[] {
    const panel = this.panels[p];
    if (!panel || !Number.isFinite(x)) return [];
    const points: PickedPoint[] = [];
    for (const layer of panel.layers) {
      if (layer.kind === "image" || layer.glyph.name === undefined) continue;
      const series = layer.store.series;
      const xs = series.columns[layer.glyph.x]!;
      const ys = series.columns[layer.glyph.y]!;
      const i = ascending(layer, series) ? nearestAscending(series, xs, x) : nearestAny(series, xs, x);
      if (i < 0) continue;
      points.push({ name: layer.glyph.name, color: layer.glyph.color ?? GLYPH_COLORS[0], x: xs[i % series.capacity]!, y: ys[i % series.capacity]! });
    }
    return points;
  }

  /** Copies of what every source holds now, oldest point first: the data at full resolution. */
  exportData(): ExportedData {
    return Object.fromEntries(
      [...this.stores].map(([name, store]) => {
        const { columns, start, end, capacity } = store.series;
        const copy = (column: Column): Column => {
          const out = new (column.constructor as new (length: number) => Column)(end - start);
          for (let i = start; i < end; i++) out[i - start] = column[i % capacity]!;
          return out;
        };
        return [name, Object.fromEntries(Object.entries(columns).map(([column, values]) => [column, copy(values)]))];
      }),
    );
  }

  /** Writes the display frame for the current view into `out`; answers the ranges it was made for. */
  reduce(out: FrameData): PanelRanges[] {
    // A shared x is the main panel's: its view, its way of following, over every panel's data.
    const sharedX = this.sharedXLayers ? this.range(this.panels[0]!, "x", false) : undefined;
    return this.panels.map((panel) => {
      const log = panel.spec.yScale === "log";
      const x = sharedX ?? this.range(panel, "x", false);
      const y = this.range(panel, "y", log);
      const axes = panelAxes({ x, y }, panel.view, log);
      for (const layer of panel.layers) {
        if (layer.kind === "image") reduceImage(layer.glyph, layer.store.series, axes, this.room, out[layer.wire]!);
        else this.reduceSeries(layer, axes, out);
      }
      return { x, y };
    });
  }

  private reduceSeries(layer: SeriesLayer, axes: PanelAxes, out: FrameData): void {
    const series = layer.store.series;
    const vector = out[layer.vector]!;
    const raster = layer.raster ? out[layer.raster]! : NO_LAYER;
    if (layer.scatter) return layer.scatter.reduce(series, axes, layer.color, vector, raster);
    // A line whose x ascends takes M4, unless its breaks are too dense for M4's room: then, like a
    // line whose x does not ascend, it takes the screen-space trail.
    const blocks = layer.store.append ? layer.store.extents(layer.glyph.y) : undefined;
    const reduced = ascending(layer, series) ? m4(series, layer.glyph.x, layer.glyph.y, axes.x, vector.columns.x as Float64Array, vector.columns.y as Float64Array, blocks) : -1;
    const [xs, ys] = [vector.columns.x as Float64Array, vector.columns.y as Float64Array];
    if (reduced >= 0 && layer.spans?.dense(ys, reduced, axes)) {
      layer.spans.paint(xs, ys, reduced, axes, layer.color, raster);
      vector.length = 0;
    } else if (reduced >= 0) {
      vector.length = reduced;
      raster.length = 0;
      raster.image = undefined;
    } else {
      layer.trail!.reduce(series, axes, layer.color, vector, raster);
    }
  }

  /** A view's range for one axis: fixed as given, or following the data for "auto". */
  private range(panel: Panel, axis: "x" | "y", log: boolean): [number, number] {
    const spec = panel.view[axis];
    if (spec !== "auto") {
      panel.followed[axis] = undefined;
      return [spec[0], spec[1]];
    }
    if (axis === "x" && panel.spec.xWindow !== undefined) {
      const now = dateClock.now();
      return [now - panel.spec.xWindow, now];
    }
    const bounds = this.bounds(panel, axis, log);
    if (axis === "x" && panel.spec.xFollow === "slide" && !bounds.empty && bounds.max > bounds.min) return [bounds.min, bounds.max];
    return (panel.followed[axis] = followRange(bounds, panel.followed[axis]));
  }

  /** The data's extent on one axis over a panel's layers. */
  private bounds(panel: Panel, axis: "x" | "y", log: boolean): Bounds {
    const bounds = new Bounds(log);
    for (const layer of axis === "x" && this.sharedXLayers ? this.sharedXLayers : panel.layers) {
      if (layer.kind === "image") {
        const g = layer.glyph;
        if (layer.store.series.end === 0) continue;
        bounds.add(axis === "x" ? g.x : g.y);
        bounds.add(axis === "x" ? g.x + g.dw : g.y + g.dh);
        continue;
      }
      const series = layer.store.series;
      const column = axis === "x" ? layer.glyph.x : layer.glyph.y;
      if (layer.store.append) {
        layer.store.extents(column).addTo(bounds, series);
        continue;
      }
      const values = series.columns[column]!;
      for (let i = series.start; i < series.end; i++) bounds.add(values[i % series.capacity]!);
    }
    return bounds;
  }
}

/** Where the layer of a source too small to need one would go: nothing is ever painted into it. */
const NO_LAYER: FrameSource = { length: 0, columns: { rgba: new Uint32Array(0) } };

function imageGlyph(source: string, width: number, height: number): ImageGlyph {
  return { kind: "image", source, image: "rgba", width, height, x: 0, y: 0, dw: 1, dh: 1 };
}

/** The index of the point kept whose x is nearest `x`, for x ascending (−1 when none is kept). */
function nearestAscending(series: Series, xs: Column, x: number): number {
  const at = (i: number) => xs[i % series.capacity]!;
  let [lo, hi] = [series.start, series.end - 1];
  if (hi < lo) return -1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (at(mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo > series.start && Math.abs(at(lo - 1) - x) <= Math.abs(at(lo) - x) ? lo - 1 : lo;
}

/** The index of the point kept whose x is nearest `x`, in any order (NaN breaks are skipped). */
function nearestAny(series: Series, xs: Column, x: number): number {
  let best = -1;
  let distance = Infinity;
  for (let i = series.start; i < series.end; i++) {
    const d = Math.abs(xs[i % series.capacity]! - x);
    if (d < distance) [best, distance] = [i, d];
  }
  return best;
}

/**
 * Whether the layer's x ascends over the points kept, checking only points not checked before. A NaN
 * x counts as a descent: M4 finds its columns by bisection, which needs every x ordered.
 */
function ascending(layer: SeriesLayer, series: Series): boolean {
  if (layer.generation !== series.generation) {
    layer.generation = series.generation;
    layer.lastDescent = -1;
    layer.checkedEnd = series.start;
  }
  const xs = series.columns[layer.glyph.x]!;
  const cap = series.capacity;
  for (let i = Math.max(layer.checkedEnd, series.start + 1); i < series.end; i++) {
    const x = xs[i % cap]!;
    if (!(x >= xs[(i - 1) % cap]!)) layer.lastDescent = i;
  }
  layer.checkedEnd = series.end;
  return layer.lastDescent <= series.start;
}
