// An image reduced for a view, with pixels that are not one data unit square and an image that is
// not at the origin: the rows and columns cut, where the cut lies, and the block side, all from the
// data coordinates and the view's device pixels.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { ImageGlyph } from "../../src/protocol/types.js";
import { reduceImage } from "../../src/worker/reduction/image.js";
import type { Series } from "../../src/worker/reduction/series.js";
import { axesOf, frameSource } from "./reduction-helpers.js";

// 40 × 20 pixels, each 2 wide and 0.5 high in data units, the image's corner at (10, −3).
const [W, H] = [40, 20];
const glyph: ImageGlyph = { kind: "image", source: "img", image: "rgba", width: W, height: H, x: 10, y: -3, dw: 2 * W, dh: 0.5 * H };
/** Pixel (row, column): opaque, red the column, green the row, blue 7; a transparent pixel where row + column is a multiple of 5. */
const pixel = (row: number, column: number) => ((row + column) % 5 === 0 ? 0 : ((0xff << 24) | (7 << 16) | (row << 8) | column) >>> 0);
const image = Uint32Array.from({ length: W * H }, (_, i) => pixel(Math.floor(i / W), i % W));
const series: Series = { columns: { rgba: image }, start: 0, end: W * H, capacity: W * H, generation: 0 };

/** The alpha-weighted mean of the pixels of rows [r0, r1) × columns [c0, c1), as the engine averages. */
function mean(r0: number, r1: number, c0: number, c1: number): number {
  let [r, g, b, a] = [0, 0, 0, 0];
  for (let row = r0; row < r1; row++) {
    for (let column = c0; column < c1; column++) {
      const p = pixel(row, column);
      const alpha = p >>> 24;
      [r, g, b, a] = [r + (p & 0xff) * alpha, g + ((p >>> 8) & 0xff) * alpha, b + ((p >>> 16) & 0xff) * alpha, a + alpha];
    }
  }
  const n = (r1 - r0) * (c1 - c0);
  return a === 0 ? 0 : ((Math.round(a / n) << 24) | (Math.round(b / a) << 16) | (Math.round(g / a) << 8) | Math.round(r / a)) >>> 0;
}

test("a view of x in [30, 70], y in [−1, 4] shows columns 10 to 29 and rows 4 to 13, placed where they lie", () => {
  const out = frameSource({ rgba: "u32" }, W * H);
  // 20 columns on 20 device pixels, 10 rows on 10: one image pixel per device pixel, copied.
  reduceImage(glyph, series, axesOf([30, 70], [-1, 4], 20, 10), 10_000, out);
  assert.deepEqual(out.image, { width: 20, height: 10, x: 30, y: -1, dw: 40, dh: 5 });
  const expected = Array.from({ length: 200 }, (_, i) => pixel(4 + Math.floor(i / 20), 10 + (i % 20)));
  assert.deepEqual([...out.columns.rgba!.subarray(0, out.length)], expected);
});

test("fewer device pixels than image pixels: blocks as large as the denser direction allows, averaged", () => {
  const out = frameSource({ rgba: "u32" }, W * H);
  // 20 columns on 5 device pixels (4 a pixel) but 10 rows on 10 (1 a pixel): blocks of 1, the sparser
  // direction deciding, so nothing is averaged away that the plot can show.
  reduceImage(glyph, series, axesOf([30, 70], [-1, 4], 5, 10), 10_000, out);
  assert.deepEqual([out.image!.width, out.image!.height], [20, 10]);
  // Both directions dense (20 columns on 5, 10 rows on 2): blocks of 4 (the smaller of 4 and 5).
  reduceImage(glyph, series, axesOf([30, 70], [-1, 4], 5, 2), 10_000, out);
  assert.deepEqual(out.image, { width: 5, height: 3, x: 30, y: -1, dw: 40, dh: 5 });
  const expected: number[] = [];
  for (let by = 0; by < 3; by++) for (let bx = 0; bx < 5; bx++) expected.push(mean(4 + 4 * by, Math.min(14, 8 + 4 * by), 10 + 4 * bx, 14 + 4 * bx));
  assert.deepEqual([...out.columns.rgba!.subarray(0, out.length)], expected, "each block the alpha-weighted mean of its pixels (the last row of blocks cut short)");
});

test("a room of few pixels makes the blocks larger still", () => {
  const out = frameSource({ rgba: "u32" }, W * H);
  // 20 × 10 visible; at most 40 pixels: blocks of 3 (7 × 4 = 28), not 2 (10 × 5 = 50).
  reduceImage(glyph, series, axesOf([30, 70], [-1, 4], 20, 10), 40, out);
  assert.deepEqual([out.image!.width, out.image!.height], [7, 4]);
  assert.equal(out.columns.rgba![0], mean(4, 7, 10, 13));
  assert.equal(out.columns.rgba![6], mean(4, 7, 28, 30), "the last block of a row, two columns wide");
});
