import type { ImageGlyph, Scene } from "../../protocol/index.js";

/**
 * The scene of a job that draws one RGBA picture: a `width` × `height` field (data units, one per
 * cell) sent as `blocksX` × `blocksY` pixels, in source `name`'s u32 column `rgba`.
 */
export function imageScene<N extends string>(name: N, width: number, height: number, blocksX: number, blocksY: number) {
  const sources = { [name]: { columns: { rgba: "u32" }, capacity: blocksX * blocksY } } as Record<N, { columns: { rgba: "u32" }; capacity: number }>;
  const glyph: ImageGlyph = { kind: "image", source: name, image: "rgba", width: blocksX, height: blocksY, x: 0, y: 0, dw: width, dh: height };
  return { sources, glyphs: [glyph], xRange: [0, width], yRange: [0, height] } satisfies Scene;
}
