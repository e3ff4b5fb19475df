// BokehJS through deep imports: the package root does not resolve under esbuild. Models are built
// in code, never deserialized, so they need no registration (and `lib/main`, which registers every
// model, stays out of the bundle).
import { Document, documents } from "@bokeh/bokehjs/build/js/lib/document/index.js";
import { add_document_standalone } from "@bokeh/bokehjs/build/js/lib/embed/standalone.js";
import { ColumnDataSource } from "@bokeh/bokehjs/build/js/lib/models/sources/index.js";
import { Column } from "@bokeh/bokehjs/build/js/lib/models/layouts/column.js";
import type { ViewManager } from "@bokeh/bokehjs/build/js/lib/core/view_manager.js";
import { ndarray } from "@bokeh/bokehjs/build/js/lib/core/util/ndarray.js";
import type { Column as FrameColumn, FrameData, RangeSpec, Scene } from "../protocol/index.js";
import { panelPlot, sizing, type FigureSize } from "./bokeh-figure.js";
import "./bokeh-repaint.js";

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
    const main = panelPlot(
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
    );
    const extraHeight = Math.round(options.height * EXTRA_PANEL_HEIGHT);
    const extra = (scene.panels ?? []).map((panel) => panelPlot(panel, sources, { ...options, height: extraHeight }));
    const root = extra.length === 0 ? main : new Column({ children: [main, ...extra], ...sizing(options.width) });
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
      if (!options.tools) leaveTabOrder(container);
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
