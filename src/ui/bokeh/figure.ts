// A BokehJS plot for one panel, built from the low-level models it needs. Not through `figure()`:
// that API (and BokehJS's `lib/main`) import every model, CustomJS ones included, which compile code
// with `new Function` and so cannot run under a strict Content-Security-Policy — nor do they belong
// in the bundle at all.
import { Title } from "@bokeh/bokehjs/build/js/lib/models/annotations/title.js";
import { DatetimeAxis } from "@bokeh/bokehjs/build/js/lib/models/axes/datetime_axis.js";
import { LinearAxis } from "@bokeh/bokehjs/build/js/lib/models/axes/linear_axis.js";
import { DatetimeTickFormatter } from "@bokeh/bokehjs/build/js/lib/models/formatters/datetime_tick_formatter.js";
import { LogAxis } from "@bokeh/bokehjs/build/js/lib/models/axes/log_axis.js";
import { Circle } from "@bokeh/bokehjs/build/js/lib/models/glyphs/circle.js";
import { ImageRGBA } from "@bokeh/bokehjs/build/js/lib/models/glyphs/image_rgba.js";
import { Line } from "@bokeh/bokehjs/build/js/lib/models/glyphs/line.js";
import type { Glyph } from "@bokeh/bokehjs/build/js/lib/models/glyphs/glyph.js";
import { Grid } from "@bokeh/bokehjs/build/js/lib/models/grids/grid.js";
import { Plot } from "@bokeh/bokehjs/build/js/lib/models/plots/plot.js";
import { Range1d } from "@bokeh/bokehjs/build/js/lib/models/ranges/range1d.js";
import { GlyphRenderer } from "@bokeh/bokehjs/build/js/lib/models/renderers/glyph_renderer.js";
import { LinearScale } from "@bokeh/bokehjs/build/js/lib/models/scales/linear_scale.js";
import { LogScale } from "@bokeh/bokehjs/build/js/lib/models/scales/log_scale.js";
import type { ColumnDataSource } from "@bokeh/bokehjs/build/js/lib/models/sources/column_data_source.js";
import { ResetTool } from "@bokeh/bokehjs/build/js/lib/models/tools/actions/reset_tool.js";
import { BoxZoomTool } from "@bokeh/bokehjs/build/js/lib/models/tools/gestures/box_zoom_tool.js";
import { PanTool } from "@bokeh/bokehjs/build/js/lib/models/tools/gestures/pan_tool.js";
import { WheelZoomTool } from "@bokeh/bokehjs/build/js/lib/models/tools/gestures/wheel_zoom_tool.js";
import { Toolbar } from "@bokeh/bokehjs/build/js/lib/models/tools/toolbar.js";
import { GLYPH_COLORS, LINE_WIDTH, type GlyphSpec, type PanelSpec, type RangeSpec } from "../../protocol/index.js";
import type { Backend } from "./backends.js";
import { WholePlotSaveTool } from "./save-tool.js";

export interface FigureSize {
  /** CSS pixels; undefined stretches to the container's width. */
  width: number | undefined;
  height: number;
  backend: Backend;
  /**
   * Show BokehJS's toolbar (pan, zoom, reset, save). Off by default: its icons are data: URLs,
   * which a strict Content-Security-Policy (img-src 'self') refuses, and it costs every repaint.
   */
  tools: boolean;
  theme: PlotTheme;
}

/** Colours of the plot itself, which BokehJS draws on a canvas where page CSS cannot reach. */
export interface PlotTheme {
  background: string;
  text: string;
  grid: string;
}

/** The element's CSS custom properties that theme the plot, and their defaults. */
export const THEME_PROPERTIES: Record<keyof PlotTheme, [string, string]> = {
  background: ["--live-plot-plot-background", "#ffffff"],
  text: ["--live-plot-plot-text", "#444444"],
  grid: ["--live-plot-grid-color", "#e5e5e5"],
};

export function sizing(width: number | undefined): { sizing_mode: "stretch_width" } | { width: number } {
  return width === undefined ? { sizing_mode: "stretch_width" } : { width };
}

/**
 * Ranges are the engine's to set while they follow the data ("auto"): it reduces every frame for
 * the range it finds and sends it along. Log axes start at 1–10 rather than 0–1.
 */
function toRange(spec: RangeSpec | undefined, log = false): Range1d {
  const [start, end] = spec === undefined || spec === "auto" ? (log ? [1, 10] : [0, 1]) : spec;
  return new Range1d({ start, end });
}

/**
 * Time tick labels by the span shown: each says the time of day to the precision the ticks need
 * (BokehJS's own say "500ms" for a tick on a second of a live window), and the date once days apart.
 */
const TIME_FORMATS = {
  milliseconds: "%H:%M:%S.%3N",
  seconds: "%H:%M:%S",
  minsec: "%H:%M:%S",
  minutes: "%H:%M",
  hourmin: "%H:%M",
  hours: "%H:%M",
  days: "%b %d",
  months: "%b %Y",
  years: "%Y",
};

function glyphModel(glyph: GlyphSpec, index: number): Glyph {
  // Images the engine sends come with their size and place in each frame, in columns of their source.
  if (glyph.kind === "image") return new ImageRGBA({ image: { field: glyph.image }, x: { field: "x" }, y: { field: "y" }, dw: { field: "dw" }, dh: { field: "dh" } });
  const color = glyph.color ?? GLYPH_COLORS[index % GLYPH_COLORS.length]!;
  const alpha = glyph.alpha ?? 1;
  const x = { field: glyph.x };
  const y = { field: glyph.y };
  if (glyph.kind === "line") {
    return new Line({ x, y, line_color: color, line_alpha: alpha, line_width: glyph.width ?? LINE_WIDTH, line_dash: glyph.dash ?? "solid" });
  }
  // Circles with a radius in screen pixels, not Scatter: its custom markers bring in CustomJS.
  const radius = { value: (glyph.size ?? 6) / 2, units: "screen" as const };
  return new Circle({ x, y, radius, fill_color: color, line_color: color, fill_alpha: alpha, line_alpha: alpha });
}

/**
 * A plot with axes, grids, the usual tools if wanted, and the panel's glyphs, each reading its named
 * source. In panels that share x the wheel zooms x only, as on a time line: each panel's y stays as
 * it is, and so do their axes' widths, which keeps the panels' frames in line.
 */
export function panelPlot(panel: PanelSpec, sources: Map<string, ColumnDataSource>, size: FigureSize, sharedX = false): Plot {
  const log = panel.yScale === "log";
  const wheelZoom = new WheelZoomTool({ dimensions: sharedX ? "width" : "both" });
  const plot = new Plot({
    ...sizing(size.width),
    height: size.height,
    title: new Title({ text: panel.title ?? "", text_color: size.theme.text }),
    background_fill_color: size.theme.background,
    border_fill_color: size.theme.background,
    outline_line_color: size.theme.grid,
    x_range: toRange(panel.xRange),
    y_range: toRange(panel.yRange, log),
    x_scale: new LinearScale(),
    y_scale: log ? new LogScale() : new LinearScale(),
    output_backend: size.backend,
    // No decimated drawing while zooming: frames are reduced to the pixels already, and the renderers
    // keep no decimated glyph (repaint.ts).
    lod_threshold: null,
    toolbar: new Toolbar({
      tools: size.tools ? [new PanTool(), wheelZoom, new BoxZoomTool(), new ResetTool(), new WholePlotSaveTool()] : [],
      // Zooming is what a live view is for: the wheel zooms without picking the tool first.
      active_scroll: size.tools ? wheelZoom : "auto",
      logo: null,
    }),
    toolbar_location: size.tools ? "right" : null,
  });
  const { text, grid } = size.theme;
  const axisColors = {
    axis_line_color: text,
    major_tick_line_color: text,
    minor_tick_line_color: text,
    major_label_text_color: text,
    axis_label_text_color: text,
  };
  const xAxis =
    panel.xAxis === "datetime"
      ? new DatetimeAxis({ axis_label: panel.xLabel ?? "", formatter: new DatetimeTickFormatter(TIME_FORMATS), ...axisColors })
      : new LinearAxis({ axis_label: panel.xLabel ?? "", ...axisColors });
  const yAxis = new (log ? LogAxis : LinearAxis)({ axis_label: panel.yLabel ?? "", ...axisColors });
  plot.add_layout(xAxis, "below");
  plot.add_layout(yAxis, "left");
  plot.add_layout(new Grid({ dimension: 0, ticker: xAxis.ticker, grid_line_color: grid }), "center");
  plot.add_layout(new Grid({ dimension: 1, ticker: yAxis.ticker, grid_line_color: grid }), "center");
  // On the overlay layer, a new frame repaints the glyphs alone: axes, grid and title stay drawn
  // (they repaint when the ranges or the size change). That halves a live plot's cost per frame.
  // BokehJS does not clip overlay renderers to the plot frame: that rests on the patch of
  // GlyphRendererView.needs_clip in repaint.ts (without it, lines would cross the axes and title).
  panel.glyphs.forEach((glyph, i) => {
    plot.add_renderers(new GlyphRenderer({ data_source: sources.get(glyph.source)!, glyph: glyphModel(glyph, i), level: "overlay" }));
  });
  return plot;
}
