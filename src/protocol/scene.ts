import type { FrameData, Scene } from "./types.js";

/** Colours of line and scatter glyphs that name none, by their index in the panel (BokehJS's Category10). */
export const GLYPH_COLORS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd"] as const;
/** A line's width in CSS pixels when its glyph gives none. */
export const LINE_WIDTH = 1.5;

/** The ArrayBuffers of a frame, for postMessage's transfer list. */
export function transferList(frame: FrameData): ArrayBuffer[] {
  const buffers: ArrayBuffer[] = [];
  for (const source of Object.values(frame)) {
    for (const column of Object.values(source.columns)) buffers.push(column.buffer as ArrayBuffer);
  }
  return buffers;
}

/**
 * Whether two scenes draw alike: their JSON, but for the panels' ranges when `ignoreRanges` (a
 * restart with new data keeps the plot and shows the new ranges).
 */
export function sameScene(a: Scene, b: Scene, ignoreRanges = false): boolean {
  const key = (scene: Scene) => JSON.stringify(scene, (name, value) => (ignoreRanges && (name === "xRange" || name === "yRange") ? undefined : value));
  return key(a) === key(b);
}
