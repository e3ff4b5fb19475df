// Two trims to BokehJS's per-repaint work, measured with a CPU profile of live plots (four 800×200
// wave plots: a fifth of the main thread's busy time went to style lookups):
// - every axis asks its plot for the base font size several times per repaint, and each ask is a
//   getComputedStyle; a plot's font size does not change while it is mounted, so ask once;
// - every visual (line, fill, text of every glyph, axis and grid) looks up CSS custom properties
//   (`--bk-line-color` …) on each repaint, again through getComputedStyle. live-plot sets visuals
//   through model properties and its own theme, never through those variables, so skip the lookups.
// Both patch this bundle's private copy of BokehJS only, and only if it still has what they replace.
import { VisualProperties } from "@bokeh/bokehjs/build/js/lib/core/visuals/visual.js";
import { PlotView } from "@bokeh/bokehjs/build/js/lib/models/plots/plot_canvas.js";

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
