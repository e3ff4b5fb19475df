// Apart from figure.ts so that the element's attribute parsing can name them without loading BokehJS.

/** How BokehJS draws: a 2D canvas, WebGL (BokehJS falls back to canvas without it), or SVG. */
export const BACKENDS = ["canvas", "webgl", "svg"] as const;
export type Backend = (typeof BACKENDS)[number];
