// Trims to BokehJS's per-repaint work, measured with CPU profiles of live plots (four 800×200 wave
// plots). Glyphs are drawn on BokehJS's overlay layer (see figure.ts), so a new frame repaints
// only that layer, not the axes, grid and titles beneath; overlay renderers are not clipped to the
// plot frame by default, so glyph renderers ask for the clip themselves. Then:
// - every axis asks its plot for the base font size several times per repaint, and each ask is a
//   getComputedStyle; a plot's font size does not change while it is mounted, so ask once;
// - every visual (line, fill, text of every glyph, axis and grid) looks up CSS custom properties
//   (`--bk-line-color` …) on each repaint, again through getComputedStyle. live-plot sets visuals
//   through model properties and its own theme, never through those variables, so skip the lookups;
// - an RGBA image (a trail's raster layer, a simulation's field) is put on its canvas by reading the
//   canvas back first (getImageData, a fresh ImageData every frame, then copying into it); wrapping
//   the frame's own bytes in an ImageData puts them there without the read-back or the garbage.
// - before every paint, each plot measures its axes' tick labels again to see whether the axes
//   changed size (`_invalidate_layout_if_needed`), though only new ranges or a new size can change
//   them: look again only when one of those changed (or a layout was asked for).
// - a data update reaches a glyph through a chain of promises (`update_data`) and asks for a paint
//   at its end; BokehJS paints in a later, clock-throttled animation frame. The plot instead awaits
//   the updates it made (`dataUpdates`) and paints once, in the animation frame that shows them.
// - every glyph renderer keeps five more views of its glyph (decimated, selection, non-selection,
//   hover, muted) and maps, sets and re-styles all of them on every update and every paint; and each
//   paint stores its visible indices on the CDS view, whose change signal re-styles all six again.
//   live-plot's plots have no selection, hover or mute, and no level-of-detail decimation
//   (`lod_threshold: null` in figure.ts): only the glyph itself is ever drawn, so only it is
//   kept up to date, and styled once (its visuals are single values, not columns of the data, so new
//   data does not change them). Glyphs build no spatial index (a tree and a new buffer per update, for hit
//   testing and data bounds, neither used here: ranges come from the engine) and draw every point
//   they are given (the engine sends only points in view, and the canvas clips the rest).
// - every renderer rewrites its position stylesheet on every paint (`update_position`), the same
//   text each time, and each rewrite makes the browser recompute styles (~4 ms a frame for 16
//   plots): a stylesheet given the text it already has is left alone. A glyph renderer's element
//   holds nothing (the glyph is drawn on the canvas) yet follows the data's bounding box, a new
//   text every frame: it is hidden once instead.
// These patch this bundle's private copy of BokehJS only, and only if it still has what they replace.
import { InlineStyleSheet } from "@bokeh/bokehjs/build/js/lib/core/dom.js";
import { VisualProperties } from "@bokeh/bokehjs/build/js/lib/core/visuals/visual.js";
import { PlotView } from "@bokeh/bokehjs/build/js/lib/models/plots/plot_canvas.js";
import { GlyphRendererView } from "@bokeh/bokehjs/build/js/lib/models/renderers/glyph_renderer.js";
import { GlyphView } from "@bokeh/bokehjs/build/js/lib/models/glyphs/glyph.js";
import { Indices } from "@bokeh/bokehjs/build/js/lib/core/types.js";
import { SpatialIndex } from "@bokeh/bokehjs/build/js/lib/core/util/spatial.js";
import { ImageBaseView } from "@bokeh/bokehjs/build/js/lib/models/glyphs/image_base.js";

/**
 * Patch targets this copy of BokehJS lacks (another version than the one these were written for,
 * 3.10.0, pinned in package.json). Each `has` names one; the unit tests check every name against
 * BokehJS's sources, and at run time the missing ones are named in one console warning: the plots
 * still work, slower or (image layers) without their images.
 */
const missing: string[] = [];
function has(target: string, present: boolean): boolean {
  if (!present) missing.push(target);
  return present;
}

if (has("GlyphRendererView.needs_clip", "needs_clip" in GlyphRendererView.prototype)) {
  Object.defineProperty(GlyphRendererView.prototype, "needs_clip", { configurable: true, get: () => true });
}

const fontSizes = new WeakMap<PlotView, number | null>();
const baseFontSize = Object.getOwnPropertyDescriptor(PlotView.prototype, "base_font_size")?.get;
if (has("PlotView.base_font_size", baseFontSize !== undefined) && baseFontSize) {
  Object.defineProperty(PlotView.prototype, "base_font_size", {
    configurable: true,
    get(this: PlotView): number | null {
      if (!fontSizes.has(this)) fontSizes.set(this, baseFontSize.call(this) as number | null);
      return fontSizes.get(this)!;
    },
  });
}

const visuals = VisualProperties.prototype as unknown as { _get_css_value?: (name: string) => string };
if (has("VisualProperties._get_css_value", typeof visuals._get_css_value === "function")) visuals._get_css_value = () => "";

type ImageView = {
  image_data: (HTMLCanvasElement | null)[];
  image_width: Uint32Array;
  image_height: Uint32Array;
  _get_or_create_canvas(i: number): HTMLCanvasElement;
  _set_image_data_from_buffer(i: number, buf8: Uint8ClampedArray): void;
};
const images = ImageBaseView.prototype as unknown as ImageView;
if (has("ImageBaseView._set_image_data_from_buffer", typeof images._set_image_data_from_buffer === "function") && has("ImageBaseView._get_or_create_canvas", typeof images._get_or_create_canvas === "function")) {
  images._set_image_data_from_buffer = function (this: ImageView, i: number, buf8: Uint8ClampedArray): void {
    const canvas = this._get_or_create_canvas(i);
    const width = this.image_width[i]!;
    const height = this.image_height[i]!;
    const bytes = buf8.length === 4 * width * height ? buf8 : buf8.subarray(0, 4 * width * height);
    canvas.getContext("2d", { willReadFrequently: true })!.putImageData(new ImageData(bytes as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
    this.image_data[i] = canvas;
  };
}

type LayoutCheck = {
  _needs_layout: boolean;
  _invalidate_layout_if_needed(): void;
  bbox: { width: number; height: number };
  model: { x_range: { start: number; end: number }; y_range: { start: number; end: number } };
};
const plots = PlotView.prototype as unknown as LayoutCheck;
const invalidateLayout = plots._invalidate_layout_if_needed;
if (has("PlotView._invalidate_layout_if_needed", typeof invalidateLayout === "function")) {
  const checked = new WeakMap<LayoutCheck, string>();
  plots._invalidate_layout_if_needed = function (this: LayoutCheck): void {
    const { x_range: x, y_range: y } = this.model;
    const key = `${x.start} ${x.end} ${y.start} ${y.end} ${this.bbox.width} ${this.bbox.height}`;
    if (!this._needs_layout && checked.get(this) === key) return;
    invalidateLayout.call(this);
    checked.set(this, key);
  };
}

type UpdatingRenderer = { plot_view: object; update_data(indices?: unknown): Promise<void> };
const renderers = GlyphRendererView.prototype as unknown as UpdatingRenderer;
const updateData = renderers.update_data;
const pendingUpdates = new WeakMap<object, Promise<void>[]>();
if (has("GlyphRendererView.update_data", typeof updateData === "function")) {
  renderers.update_data = function (this: UpdatingRenderer, indices?: unknown): Promise<void> {
    const update = updateData.call(this, indices);
    const pending = pendingUpdates.get(this.plot_view);
    if (pending) pending.push(update);
    else pendingUpdates.set(this.plot_view, [update]);
    return update;
  };
}

/** The data updates of `plotView`'s glyphs started since the last call, to await before painting. */
export function dataUpdates(plotView: object): Promise<void>[] {
  const pending = pendingUpdates.get(plotView) ?? [];
  pendingUpdates.delete(plotView);
  return pending;
}

type LeanRenderer = {
  glyph: {
    set_data(source: unknown, indices: unknown, update: unknown): Promise<void>;
    set_visuals(source: unknown, indices: unknown): void;
    after_visuals(): void;
    after_lazy_visuals(): Promise<void>;
    map_data(): void;
    data_size: number;
  };
  all_indices: unknown;
  model: { data_source: unknown; view: { indices: unknown } };
  set_data(indices?: unknown): Promise<void>;
  set_visuals(): Promise<void>;
  map_data(): void;
  _update_masked_indices(): unknown;
};
const lean = GlyphRendererView.prototype as unknown as LeanRenderer;
if (["set_data", "set_visuals", "map_data", "_update_masked_indices"].every((name) => has(`GlyphRendererView.${name}`, typeof (lean as unknown as Record<string, unknown>)[name] === "function"))) {
  const styled = new WeakSet<LeanRenderer>();
  lean.set_data = async function (this: LeanRenderer, indices?: unknown): Promise<void> {
    const source = this.model.data_source;
    this.all_indices = this.model.view.indices;
    await this.glyph.set_data(source, this.all_indices, indices);
    // live-plot's glyphs style with single values, never per point: new data leaves them as they are.
    if (!styled.has(this)) {
      styled.add(this);
      await this.set_visuals();
    }
    this._update_masked_indices();
    // No invalidate_dataranges: the ranges are Range1d, set from the engine's frames (no DataRange1d
    // to recompute from the glyphs' bounds before every paint).
  };
  lean.set_visuals = async function (this: LeanRenderer): Promise<void> {
    this.glyph.set_visuals(this.model.data_source, this.all_indices);
    this.glyph.after_visuals();
    await this.glyph.after_lazy_visuals();
  };
  lean.map_data = function (this: LeanRenderer): void {
    this.glyph.map_data();
  };
  lean._update_masked_indices = function (this: LeanRenderer): unknown {
    return Indices.all_set(this.glyph.data_size);
  };
}

const sheets = InlineStyleSheet.prototype as unknown as { el: HTMLStyleElement; _update(css: string): void };
const updateSheet = sheets._update;
if (has("InlineStyleSheet._update", typeof updateSheet === "function")) {
  sheets._update = function (this: { el: HTMLStyleElement }, css: string): void {
    if (this.el.textContent !== css) updateSheet.call(this, css);
  };
}

const glyphElements = GlyphRendererView.prototype as unknown as { position: { replace(css: string): void }; update_position(): void };
if (has("GlyphRendererView.update_position", typeof glyphElements.update_position === "function")) {
  glyphElements.update_position = function (this: { position: { replace(css: string): void } }): void {
    this.position.replace(":host { display: none; }");
  };
}

const glyphs = GlyphView.prototype as unknown as { _index: unknown; index_data(): void };
if (has("GlyphView.index_data", typeof glyphs.index_data === "function")) {
  const none = new SpatialIndex(0);
  none.finish();
  glyphs.index_data = function (this: { _index: unknown }): void {
    this._index = none;
  };
}

if (missing.length > 0) {
  console.warn(`live-plot: this BokehJS lacks what live-plot patches for speed (${missing.join(", ")}); plots will be slower, and may draw image layers wrongly. live-plot is built for BokehJS 3.10.0.`);
}
