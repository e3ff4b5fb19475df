// BokehJS through deep imports: the package root does not resolve under esbuild, and `lib/main`
// must load once so that every model registers.
import "@bokeh/bokehjs/build/js/lib/main.js";
import { figure } from "@bokeh/bokehjs/build/js/lib/api/plotting.js";
import { Document, documents } from "@bokeh/bokehjs/build/js/lib/document/index.js";
import { add_document_standalone } from "@bokeh/bokehjs/build/js/lib/embed/standalone.js";
import { ColumnDataSource } from "@bokeh/bokehjs/build/js/lib/models/sources/index.js";
import { DataRange1d, Range1d } from "@bokeh/bokehjs/build/js/lib/models/ranges/index.js";
import { Column } from "@bokeh/bokehjs/build/js/lib/models/layouts/column.js";
import type { ViewManager } from "@bokeh/bokehjs/build/js/lib/core/view_manager.js";
import { ndarray } from "@bokeh/bokehjs/build/js/lib/core/util/ndarray.js";
import type { Backend, Column as FrameColumn, FrameData, PanelSpec, RangeSpec, Scene } from "../protocol/index.js";

export interface PlotOptions {
  /** CSS pixels; undefined stretches to the container's width. */
  width: number | undefined;
  height: number;
  title: string | undefined;
  xLabel: string | undefined;
  yLabel: string | undefined;
  xRange: RangeSpec | undefined;
  yRange: RangeSpec | undefined;
  backend: Backend;
}

const DEFAULT_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"];

function toRange(spec: RangeSpec | undefined): Range1d | DataRange1d {
  return spec === undefined || spec === "auto" ? new DataRange1d() : new Range1d({ start: spec[0], end: spec[1] });
}

/** Extra panels (below the main one) are this fraction of the element's plot height. */
const EXTRA_PANEL_HEIGHT = 0.45;

function sizing(options: PlotOptions): { sizing_mode: "stretch_width" } | { width: number } {
  return options.width === undefined ? { sizing_mode: "stretch_width" } : { width: options.width };
}

function figureFor(panel: PanelSpec, sources: Map<string, ColumnDataSource>, options: PlotOptions, height: number) {
  const fig = figure({
    ...sizing(options),
    height,
    title: panel.title ?? "",
    x_axis_label: panel.xLabel ?? "",
    y_axis_label: panel.yLabel ?? "",
    x_range: toRange(panel.xRange),
    y_range: toRange(panel.yRange),
    y_axis_type: panel.yScale === "log" ? "log" : "linear",
    output_backend: options.backend,
    tools: "pan,wheel_zoom,box_zoom,reset,save",
    toolbar_location: "right",
  });
  panel.glyphs.forEach((glyph, i) => {
    const source = sources.get(glyph.source)!;
    if (glyph.kind === "image") {
      fig.image_rgba({ field: glyph.image }, glyph.x, glyph.y, glyph.dw, glyph.dh, { source });
      return;
    }
    const color = glyph.color ?? DEFAULT_COLORS[i % DEFAULT_COLORS.length]!;
    const alpha = glyph.alpha ?? 1;
    if (glyph.kind === "line") {
      fig.line({ field: glyph.x }, { field: glyph.y }, { source, line_color: color, line_alpha: alpha, line_width: glyph.width ?? 1.5, line_dash: glyph.dash ?? "solid" });
    } else {
      fig.scatter({ field: glyph.x }, { field: glyph.y }, { source, color, alpha, size: glyph.size ?? 6 });
    }
  });
  return fig;
}

/** The valid part of a column, without copying: BokehJS keeps typed arrays by reference. */
function valid(column: FrameColumn, length: number): FrameColumn {
  return length === column.length ? column : column.subarray(0, length);
}

/**
 * A BokehJS figure for one scene, in its own Document, mounted into `container` (which may sit in
 * a shadow root). Frames replace the sources' columns; `dispose` frees the views, the document,
 * and its entry in BokehJS's global document list.
 */
export class BokehPlot {
  private constructor(
    private readonly doc: Document,
    private readonly views: ViewManager,
    private readonly sources: Map<string, ColumnDataSource>,
    /** Image columns by source, with their [height, width]. */
    private readonly images: Map<string, Map<string, [number, number]>>,
  ) {}

  static async mount(container: HTMLElement, scene: Scene, options: PlotOptions): Promise<BokehPlot> {
    const sources = new Map<string, ColumnDataSource>();
    for (const [name, spec] of Object.entries(scene.sources)) {
      const data: Record<string, number[]> = {};
      for (const column of Object.keys(spec.columns)) data[column] = [];
      sources.set(name, new ColumnDataSource({ data }));
    }
    // The element's texts and ranges override the main panel's; extra panels stack below it.
    const main = figureFor(
      {
        ...scene,
        title: options.title ?? scene.title,
        xLabel: options.xLabel ?? scene.xLabel,
        yLabel: options.yLabel ?? scene.yLabel,
        xRange: options.xRange ?? scene.xRange,
        yRange: options.yRange ?? scene.yRange,
      },
      sources,
      options,
      options.height,
    );
    const extra = (scene.panels ?? []).map((panel) => figureFor(panel, sources, options, Math.round(options.height * EXTRA_PANEL_HEIGHT)));
    const root = extra.length === 0 ? main : new Column({ children: [main, ...extra], ...sizing(options) });
    const images = new Map<string, Map<string, [number, number]>>();
    for (const glyph of [scene, ...(scene.panels ?? [])].flatMap((panel) => panel.glyphs)) {
      if (glyph.kind !== "image") continue;
      if (!images.has(glyph.source)) images.set(glyph.source, new Map());
      images.get(glyph.source)!.set(glyph.image, [glyph.height, glyph.width]);
    }
    const doc = new Document();
    doc.add_root(root);
    try {
      const views = await add_document_standalone(doc, container);
      return new BokehPlot(doc, views, sources, images);
    } catch (error) {
      forget(doc);
      throw error;
    }
  }

  /** Show a frame: one `setv` per source, arrays by reference (so keep the frame until the next). */
  apply(frame: FrameData): void {
    for (const [name, source] of this.sources) {
      const part = frame[name];
      if (!part) continue;
      const images = this.images.get(name);
      const data: Record<string, unknown> = {};
      for (const [column, array] of Object.entries(part.columns)) {
        const shape = images?.get(column);
        // image_rgba takes a list of 2-D arrays; a view on the buffer costs no copy.
        data[column] = shape ? [ndarray(array.buffer, { dtype: "uint32", shape })] : valid(array, part.length);
      }
      source.setv({ data: data as ColumnDataSource["data"] }, { check_eq: false });
    }
  }

  dispose(): void {
    this.views.clear();
    forget(this.doc);
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
