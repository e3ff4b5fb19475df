// Trims to BokehJS's per-repaint work, measured with CPU profiles of live plots (four 800×200 wave
// plots). Glyphs are drawn on BokehJS's overlay layer (see bokeh-figure.ts), so a new frame repaints
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
// These patch this bundle's private copy of BokehJS only, and only if it still has what they replace.
import { VisualProperties } from "@bokeh/bokehjs/build/js/lib/core/visuals/visual.js";
import { PlotView } from "@bokeh/bokehjs/build/js/lib/models/plots/plot_canvas.js";
import { GlyphRendererView } from "@bokeh/bokehjs/build/js/lib/models/renderers/glyph_renderer.js";
import { ImageBaseView } from "@bokeh/bokehjs/build/js/lib/models/glyphs/image_base.js";

if ("needs_clip" in GlyphRendererView.prototype) {
  Object.defineProperty(GlyphRendererView.prototype, "needs_clip", { configurable: true, get: () => true });
}

const fontSizes = new WeakMap<PlotView, number | null>();
const baseFontSize = Object.getOwnPropertyDescriptor(PlotView.prototype, "base_font_size")?.get;
if (baseFontSize) {
  Object.defineProperty(PlotView.prototype, "base_font_size", {
    configurable: true,
    get(this: PlotView): number | null {
      if (!fontSizes.has(this)) fontSizes.set(this, baseFontSize.call(this) as number | null);
      return fontSizes.get(this)!;
    },
  });
}

const visuals = VisualProperties.prototype as unknown as { _get_css_value?: (name: string) => string };
if (typeof visuals._get_css_value === "function") visuals._get_css_value = () => "";

type ImageView = {
  image_data: (HTMLCanvasElement | null)[];
  image_width: Uint32Array;
  image_height: Uint32Array;
  _get_or_create_canvas(i: number): HTMLCanvasElement;
  _set_image_data_from_buffer(i: number, buf8: Uint8ClampedArray): void;
};
const images = ImageBaseView.prototype as unknown as ImageView;
if (typeof images._set_image_data_from_buffer === "function" && typeof images._get_or_create_canvas === "function") {
  images._set_image_data_from_buffer = function (this: ImageView, i: number, buf8: Uint8ClampedArray): void {
    const canvas = this._get_or_create_canvas(i);
    const width = this.image_width[i]!;
    const height = this.image_height[i]!;
    const bytes = buf8.length === 4 * width * height ? buf8 : buf8.subarray(0, 4 * width * height);
    canvas.getContext("2d")!.putImageData(new ImageData(bytes as Uint8ClampedArray<ArrayBuffer>, width, height), 0, 0);
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
if (typeof invalidateLayout === "function") {
  const checked = new WeakMap<LayoutCheck, string>();
  plots._invalidate_layout_if_needed = function (this: LayoutCheck): void {
    const { x_range: x, y_range: y } = this.model;
    const key = `${x.start} ${x.end} ${y.start} ${y.end} ${this.bbox.width} ${this.bbox.height}`;
    if (!this._needs_layout && checked.get(this) === key) return;
    invalidateLayout.call(this);
    checked.set(this, key);
  };
}
