import type { FrameSource, ImageGlyph } from "../../protocol/index.js";
import type { Series } from "./series.js";
import type { PanelAxes } from "./view.js";

/**
 * An image cut to the view and averaged down to the view's device pixels: what crosses to the page
 * is never more pixels than the plot shows, however large the job's image. Blocks of f × f pixels
 * are averaged with alpha weighting (transparent pixels do not darken their neighbours).
 */
export function reduceImage(glyph: ImageGlyph, series: Series, axes: PanelAxes, room: number, out: FrameSource): void {
  const image = series.columns[glyph.image] as Uint32Array;
  const { width: w, height: h } = glyph;
  const pw = glyph.dw / w;
  const ph = glyph.dh / h;
  const clamp = (v: number, max: number) => Math.min(max, Math.max(0, v));
  const c0 = clamp(Math.floor((axes.x.start - glyph.x) / pw), w);
  const c1 = clamp(Math.ceil((axes.x.end - glyph.x) / pw), w);
  const r0 = clamp(Math.floor((axes.y.start - glyph.y) / ph), h);
  const r1 = clamp(Math.ceil((axes.y.end - glyph.y) / ph), h);
  if (c1 <= c0 || r1 <= r0 || series.end - series.start < w * h) {
    out.length = 0;
    out.image = undefined;
    return;
  }
  // Device pixels the visible part covers on screen.
  const across = Math.max(1, (((c1 - c0) * pw) / (axes.x.end - axes.x.start)) * axes.x.pixels);
  const up = Math.max(1, (((r1 - r0) * ph) / (axes.y.end - axes.y.start)) * axes.y.pixels);
  const f = blockFactor(c1 - c0, r1 - r0, room, Math.max(1, Math.floor(Math.min((c1 - c0) / across, (r1 - r0) / up))));
  const ow = Math.ceil((c1 - c0) / f);
  const oh = Math.ceil((r1 - r0) / f);
  const pixels = out.columns.rgba as Uint32Array;
  for (let oy = 0; oy < oh; oy++) {
    const y0 = r0 + oy * f;
    const y1 = Math.min(r1, y0 + f);
    for (let ox = 0; ox < ow; ox++) {
      const x0 = c0 + ox * f;
      const x1 = Math.min(c1, x0 + f);
      if (f === 1) {
        pixels[oy * ow + ox] = image[y0 * w + x0]!;
        continue;
      }
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0; x < x1; x++) {
          const p = image[y * w + x]!;
          const alpha = p >>> 24;
          r += (p & 0xff) * alpha;
          g += ((p >>> 8) & 0xff) * alpha;
          b += ((p >>> 16) & 0xff) * alpha;
          a += alpha;
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      pixels[oy * ow + ox] = a === 0 ? 0 : ((Math.round(a / n) << 24) | (Math.round(b / a) << 16) | (Math.round(g / a) << 8) | Math.round(r / a)) >>> 0;
    }
  }
  out.length = ow * oh;
  out.image = { width: ow, height: oh, x: glyph.x + c0 * pw, y: glyph.y + r0 * ph, dw: (c1 - c0) * pw, dh: (r1 - r0) * ph };
}

/**
 * The smallest block side f (from `least` on) for which a w × h image averaged over f × f blocks has
 * at most `room` pixels.
 */
export function blockFactor(w: number, h: number, room: number, least = 1): number {
  let f = Math.max(1, least);
  while (Math.ceil(w / f) * Math.ceil(h / f) > room) f++;
  return f;
}
