// BokehJS through deep imports: the package root does not resolve under esbuild. Models are built
// in code, never deserialized, so they need no registration (and `lib/main`, which registers every
// model, stays out of the bundle).
import { Document, documents } from "@bokeh/bokehjs/build/js/lib/document/index.js";
import { add_document_standalone } from "@bokeh/bokehjs/build/js/lib/embed/standalone.js";
import { ColumnDataSource } from "@bokeh/bokehjs/build/js/lib/models/sources/index.js";
import { Column } from "@bokeh/bokehjs/build/js/lib/models/layouts/column.js";
import type { ViewManager } from "@bokeh/bokehjs/build/js/lib/core/view_manager.js";
import { ndarray } from "@bokeh/bokehjs/build/js/lib/core/util/ndarray.js";
import { DoubleTap, RangesUpdate, Reset } from "@bokeh/bokehjs/build/js/lib/core/bokeh_events.js";
import type { Plot } from "@bokeh/bokehjs/build/js/lib/models/plots/plot.js";
import { GlyphRenderer } from "@bokeh/bokehjs/build/js/lib/models/renderers/glyph_renderer.js";
import { Axis } from "@bokeh/bokehjs/build/js/lib/models/axes/axis.js";
import { Title } from "@bokeh/bokehjs/build/js/lib/models/annotations/title.js";
import type { PlotView } from "@bokeh/bokehjs/build/js/lib/models/plots/plot_canvas.js";
import type { Range1d } from "@bokeh/bokehjs/build/js/lib/models/ranges/range1d.js";
import type { Column as FrameColumn, FrameData, FrameSource, PanelRanges, PanelSpec, PanelView, RangeSpec, Scene } from "../../protocol/index.js";
import { panelPlot, sizing, type FigureSize } from "./figure.js";
import { dataUpdates } from "./repaint.js";
import { WholePlotSaveTool } from "./save-tool.js";
import { logger } from "@bokeh/bokehjs/build/js/lib/core/logging.js";

// BokehJS's info and warning lines ("document idle", "could not set initial ranges" while a plot
// waits for its first frame) say nothing about a live plot's health: the engine sets every range.
// Its errors still show. (This bundle's own copy of BokehJS: a page's other BokehJS is untouched.)
logger.set_level("error");

/** The figure's size and backend, and the element's overrides of the main panel's texts and ranges. */
export interface PlotOptions extends FigureSize {
  title: string | undefined;
  xLabel: string | undefined;
  yLabel: string | undefined;
  xRange: RangeSpec | undefined;
  yRange: RangeSpec | undefined;
}

/** Extra panels (below the main one) are this fraction of the element's plot height. */
const EXTRA_PANEL_HEIGHT = 0.45;

/** The valid part of a column, without copying: BokehJS keeps typed arrays by reference. */
function valid(column: FrameColumn, length: number): FrameColumn {
  return length === column.length ? column : column.subarray(0, length);
}

/** One panel's plot and whether its ranges follow the live data or stay where the user put them. */
class PanelState {
  /** Following: the engine sets the ranges (the home ones, or the data's extent for "auto"). */
  following = true;

  constructor(
    readonly plot: Plot,
    /**
     * Set while ranges change by the engine's word, not the user's; one for all the plot's panels,
     * as panels may share a range object.
     */
    private readonly engine: { applying: boolean },
    /** The ranges the panel returns to when it follows. */
    public home: { x: RangeSpec; y: RangeSpec },
    /** Its x axis shows dates and times. */
    readonly datetime: boolean,
    onUserChange: () => void,
  ) {
    for (const range of [plot.x_range, plot.y_range]) {
      range.change.connect(() => {
        if (this.engine.applying) return;
        this.following = false;
        onUserChange();
      });
    }
  }

  /** What the engine should reduce for: the home ranges while following, else the ranges shown. */
  view(plotView: PlotView | null): PanelView {
    const ratio = globalThis.devicePixelRatio || 1;
    const bbox = plotView?.frame.bbox;
    const shown = this.ranges;
    return {
      x: this.following ? this.home.x : shown.x,
      y: this.following ? this.home.y : shown.y,
      width: Math.max(1, Math.round((bbox?.width || this.plot.width || 300) * ratio)),
      height: Math.max(1, Math.round((bbox?.height || this.plot.height || 150) * ratio)),
      pixelRatio: ratio,
    };
  }

  /** The ranges shown now. */
  get ranges(): PanelRanges {
    const [x, y] = [this.plot.x_range, this.plot.y_range] as Range1d[];
    return { x: [x!.start, x!.end], y: [y!.start, y!.end] };
  }

  /** Shows the ranges a frame was made for, while following. */
  apply(ranges: PanelRanges): void {
    if (!this.following) return;
    this.set(ranges);
  }

  /** Shows `ranges` and stays there: the panel no longer follows the data. */
  hold(ranges: PanelRanges): void {
    this.following = false;
    this.set(ranges);
  }

  private set(ranges: PanelRanges): void {
    this.engine.applying = true;
    try {
      for (const [range, [start, end]] of [
        [this.plot.x_range, ranges.x],
        [this.plot.y_range, ranges.y],
      ] as const) {
        const r = range as Range1d;
        if (r.start !== start || r.end !== end) r.setv({ start, end });
      }
    } finally {
      this.engine.applying = false;
    }
  }
}

/**
 * A BokehJS figure for one display scene, in its own Document, mounted into `container` (which may
 * sit in a shadow root). Frames replace the sources' columns and, while a panel follows the data,
 * its ranges; `dispose` frees the views, the document, and its entry in BokehJS's global list.
 */
export class BokehPlot {
  /** Called when the view changes by the user's hand (zoom, pan) or returns to following. */
  onViewChange: () => void = () => {};
  /** Called once a zoom or pan by the user is over (BokehJS's RangesUpdate), or the view follows again. */
  onViewSettled: () => void = () => {};
  private readonly emptyImages = new Set<string>();

  /** The panels' BokehJS views, painted by `apply` itself. */
  private readonly plotViews: PlotView[];
  /** Each panel's frame width and height as last seen by `resized`. */
  private readonly frameSizes: number[] = [];

  private constructor(
    private readonly doc: Document,
    private readonly views: ViewManager,
    private readonly sources: Map<string, ColumnDataSource>,
    /** Image sources: their columns come with a size and place per frame. */
    private readonly images: Set<string>,
    private readonly panels: PanelState[],
    /** The panels share one x range. */
    private readonly sharedX: boolean,
  ) {
    this.plotViews = panels.map((panel) => views.find_one(panel.plot) as PlotView | null).filter((view) => view !== null);
  }

  static async mount(container: HTMLElement, scene: Scene, options: PlotOptions): Promise<BokehPlot> {
    const images = new Set<string>();
    for (const glyph of [scene, ...(scene.panels ?? [])].flatMap((panel) => panel.glyphs)) if (glyph.kind === "image") images.add(glyph.source);
    const sources = new Map<string, ColumnDataSource>();
    for (const [name, spec] of Object.entries(scene.sources)) {
      const data: Record<string, number[]> = {};
      for (const column of [...Object.keys(spec.columns), ...(images.has(name) ? PLACEMENT : [])]) data[column] = [];
      sources.set(name, new ColumnDataSource({ data }));
    }
    // The element's texts and ranges override the main panel's; extra panels stack below it.
    const mainSpec: PanelSpec = {
      ...scene,
      title: options.title ?? scene.title,
      xLabel: options.xLabel ?? scene.xLabel,
      yLabel: options.yLabel ?? scene.yLabel,
      xRange: options.xRange ?? scene.xRange,
      yRange: options.yRange ?? scene.yRange,
    };
    const extraHeight = Math.round(options.height * EXTRA_PANEL_HEIGHT);
    // Panels on one shared x are labelled as one: the element's x-label names their x too.
    const extraSpecs = (scene.panels ?? []).map((panel) => (scene.sharedX && options.xLabel !== undefined ? { ...panel, xLabel: options.xLabel } : panel));
    const specs = [mainSpec, ...extraSpecs];
    const plots = specs.map((spec, i) => panelPlot(spec, sources, i === 0 ? options : { ...options, height: extraHeight }, scene.sharedX === true));
    // One x range object for every panel: BokehJS then zooms and pans them together.
    if (scene.sharedX) for (const plot of plots.slice(1)) plot.x_range = plots[0]!.x_range;
    const root = plots.length === 1 ? plots[0]! : new Column({ children: plots, ...sizing(options.width) });
    const doc = new Document();
    doc.add_root(root);
    let self: BokehPlot | undefined;
    const changed = () => self?.onViewChange();
    const engine = { applying: false };
    const panels = plots.map((plot, i) => new PanelState(plot, engine, { x: specs[i]!.xRange ?? "auto", y: specs[i]!.yRange ?? "auto" }, specs[i]!.xAxis === "datetime", changed));
    try {
      const views = await add_document_standalone(doc, container);
      if (!options.tools) leaveTabOrder(container);
      self = new BokehPlot(doc, views, sources, images, panels, scene.sharedX === true);
      const exporter = () => self!.toBlob();
      for (const plot of plots) for (const tool of plot.toolbar.tools) if (tool instanceof WholePlotSaveTool) tool.exporter = exporter;
      // A double-click, or the toolbar's reset, returns to the live view.
      for (const plot of plots) for (const event of [DoubleTap, Reset]) plot.on_event(event, () => self!.follow());
      plots[0]!.on_event(RangesUpdate, () => self!.onViewSettled());
      return self;
    } catch (error) {
      forget(doc);
      throw error;
    }
  }

  /**
   * Show a frame: one `setv` per source, arrays by reference (so keep the frame until the next),
   * and the ranges it was reduced for on the panels that follow the data. Answers the main-thread
   * milliseconds it took (not counting what other plots did while it waited for its glyphs).
   */
  async apply(frame: FrameData, ranges: readonly PanelRanges[]): Promise<number> {
    // BokehJS would paint each change in an animation frame of its own, throttled by the clock (so
    // sometimes a frame late): hold its paints while the frame goes in and the glyphs take their
    // data (promises, settled within this animation frame), then paint each panel once.
    const started = performance.now();
    for (const view of this.plotViews) view.pause();
    let updated = started;
    try {
      this.update(frame, ranges);
      updated = performance.now();
      await Promise.all(this.plotViews.flatMap(dataUpdates));
    } finally {
      for (const view of this.plotViews) view.unpause(true);
    }
    const painting = performance.now();
    for (const view of this.plotViews) view.repaint();
    return updated - started + (performance.now() - painting);
  }

  private update(frame: FrameData, ranges: readonly PanelRanges[]): void {
    ranges.forEach((panelRanges, i) => this.panels[i]?.apply(panelRanges));
    for (const [name, source] of this.sources) {
      const part = frame[name];
      if (!part) continue;
      // An image layer left empty twice in a row needs no new update.
      const empty = this.images.has(name) && part.length === 0;
      if (empty && this.emptyImages.has(name)) continue;
      if (empty) this.emptyImages.add(name);
      else this.emptyImages.delete(name);
      const data = this.images.has(name) ? imageData(part) : Object.fromEntries(Object.entries(part.columns).map(([column, array]) => [column, valid(array, part.length)]));
      source.setv({ data: data as ColumnDataSource["data"] }, { check_eq: false });
    }
  }

  /** The view of each panel, for the engine to reduce for. */
  view(): PanelView[] {
    return this.panels.map((panel, i) => panel.view(this.plotViews[i] ?? null));
  }

  /**
   * Whether a panel's frame changed size since the last call (a resize, or axes that took more or
   * less room): then the view the engine reduces for is out of date. Cheap enough for every frame.
   */
  resized(): boolean {
    let changed = false;
    this.plotViews.forEach((view, i) => {
      const { width, height } = view.frame.bbox;
      if (this.frameSizes[2 * i] !== width || this.frameSizes[2 * i + 1] !== height) changed = true;
      this.frameSizes[2 * i] = width;
      this.frameSizes[2 * i + 1] = height;
    });
    return changed;
  }

  /** Whether every panel follows the live data (no zoom or pan by the user is in force). */
  get following(): boolean {
    return this.panels.every((panel) => panel.following);
  }

  /** What the main panel shows now. */
  get ranges(): PanelRanges {
    return this.panels[0]!.ranges;
  }

  /** The panel whose frame (the area inside the axes) holds the client point, and the data x there. */
  locate(clientX: number, clientY: number): { panel: number; x: number } | undefined {
    for (const [panel, view] of this.plotViews.entries()) {
      const rect = view.el.getBoundingClientRect();
      const { left, top, right, bottom } = view.frame.bbox;
      const [sx, sy] = [clientX - rect.left, clientY - rect.top];
      if (sx >= left && sx <= right && sy >= top && sy <= bottom) return { panel, x: view.frame.x_scale.invert(sx) };
    }
    return undefined;
  }

  /** Where data x lies in a panel's frame, in client coordinates; undefined when outside the range shown. */
  crosshair(panel: number, x: number): { left: number; top: number; height: number } | undefined {
    const view = this.plotViews[panel];
    if (!view) return undefined;
    const rect = view.el.getBoundingClientRect();
    const { left, top, right, height } = view.frame.bbox;
    const sx = view.frame.x_scale.compute(x);
    if (!(sx >= left && sx <= right)) return undefined;
    return { left: rect.left + sx, top: rect.top + top, height };
  }

  /** Whether a panel's x axis shows dates and times. */
  datetime(panel: number): boolean {
    return this.panels[panel]?.datetime ?? false;
  }

  /** A PNG of the whole plot, every panel, at the display's pixel ratio. */
  toBlob(): Promise<Blob> {
    const root = this.doc.roots()[0]!;
    const view = this.views.find_one(root) as { export(type: "png"): { to_blob(): Promise<Blob> } } | null;
    if (!view) return Promise.reject(new Error("the plot is not on the page"));
    return view.export("png").to_blob();
  }

  /** Shows or hides what draws from display source `source`, and the raster layer beneath it. */
  setVisible(source: string, visible: boolean): void {
    const drawn = new Set([this.sources.get(source), this.sources.get(`${source}r`)]);
    for (const panel of this.panels) {
      for (const renderer of panel.plot.renderers) {
        if (renderer instanceof GlyphRenderer && drawn.has(renderer.data_source as ColumnDataSource)) renderer.visible = visible;
      }
    }
  }

  /**
   * Shows `ranges` in the main panel, no longer following the data. Panels that share its x show that
   * x and hold too (a zoom holds the whole plot); other panels keep following theirs.
   */
  hold(ranges: PanelRanges): void {
    this.panels[0]!.hold(ranges);
    if (this.sharedX) for (const panel of this.panels.slice(1)) panel.hold({ x: ranges.x, y: panel.ranges.y });
    this.onViewChange();
  }

  /** The main panel's title and axis labels, shown at once. */
  setTexts({ title, xLabel, yLabel }: { title: string; xLabel: string; yLabel: string }): void {
    const plot = this.panels[0]!.plot;
    if (plot.title instanceof Title) plot.title.text = title;
    const setLabel = (axes: readonly unknown[], label: string) => {
      for (const axis of axes) if (axis instanceof Axis) axis.axis_label = label;
    };
    setLabel(plot.left, yLabel);
    // Panels on a shared x share its label.
    const labelled = this.sharedX ? this.panels.length : 1;
    for (let i = 0; i < labelled; i++) setLabel(this.panels[i]!.plot.below, xLabel);
    // New texts may take more or less room: lay the plot out again and repaint every layer.
    for (const view of this.plotViews.slice(0, labelled)) view.request_layout(true);
  }

  /** New ranges for the panels to follow (main panel first; missing ones keep theirs): the view returns to them. */
  setHomes(homes: readonly { x: RangeSpec; y: RangeSpec }[]): void {
    homes.forEach((home, i) => {
      if (this.panels[i]) this.panels[i].home = home;
    });
    for (const panel of this.panels) panel.following = true;
    this.onViewChange();
  }

  /** Return every panel to the live view. */
  follow(): void {
    if (this.following) return;
    for (const panel of this.panels) panel.following = true;
    this.onViewChange();
    this.onViewSettled();
  }

  dispose(): void {
    this.views.clear();
    forget(this.doc);
  }
}

/** Columns that place an image layer, one value each. */
const PLACEMENT = ["x", "y", "dw", "dh"] as const;

/** An image source's data: one 2-D RGBA image of the frame's size, at the frame's place; or nothing. */
function imageData(part: FrameSource): Record<string, unknown> {
  const image = part.image;
  if (part.length === 0 || !image) return { rgba: [], x: [], y: [], dw: [], dh: [] };
  // The whole buffer, though the image may fill only its start: BokehJS reads the buffer behind the
  // array, and puts only width × height pixels of it thanks to a patch (repaint.ts); without
  // the patch it would need a buffer of exactly that size, a copy every frame.
  return {
    rgba: [ndarray(part.columns.rgba!.buffer, { dtype: "uint32", shape: [image.height, image.width] })],
    x: [image.x],
    y: [image.y],
    dw: [image.dw],
    dh: [image.dh],
  };
}

/**
 * BokehJS makes each canvas's event layer a tab stop, for keyboard tools. Without tools it has
 * nothing to do with the keyboard: a nameless stop before the controls only gets in the way.
 */
function leaveTabOrder(root: Element | ShadowRoot): void {
  for (const element of root.querySelectorAll<HTMLElement>("*")) {
    if (element.tabIndex >= 0 && element.classList.contains("bk-events")) element.tabIndex = -1;
    if (element.shadowRoot) leaveTabOrder(element.shadowRoot);
  }
}

/** BokehJS documents alive on the page (for leak checks). */
export function openDocumentCount(): number {
  return documents.length;
}

function forget(doc: Document): void {
  doc.clear();
  const index = documents.indexOf(doc);
  if (index >= 0) documents.splice(index, 1);
}
