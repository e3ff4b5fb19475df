// The line raster's coverage, pixel by pixel, for segments whose coverage geometry fixes: a line
// through pixel centres covers them fully; one between two rows splits each column's coverage
// between them by nearness; clipping keeps exactly the part inside; direction does not matter;
// painting scales alpha by coverage.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CountRaster } from "../../src/worker/reduction/raster.js";
import { seededRandom } from "../../src/worker/numerics/random.js";

const FULL = 256;
const [W, H] = [10, 5];

/** The raster of one segment, as rows of counts (row 0 at the bottom). */
function coverage(x0: number, y0: number, x1: number, y1: number): number[][] {
  const raster = new CountRaster(W, H);
  raster.segment(x0, y0, x1, y1, 1);
  return Array.from({ length: H }, (_, row) => [...raster.counts.subarray(row * W, (row + 1) * W)]);
}

/** Rows of zeros with `cells` set: [row, column, count]. */
function expected(cells: [number, number, number][]): number[][] {
  const rows = Array.from({ length: H }, () => new Array<number>(W).fill(0));
  for (const [row, column, count] of cells) rows[row]![column] = count;
  return rows;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

test("a line through pixel centres covers each pixel it crosses fully, whichever way it is drawn", () => {
  const row2 = expected(range(0, 6).map((column) => [2, column, FULL]));
  assert.deepEqual(coverage(0.5, 2.5, 6.5, 2.5), row2, "horizontal");
  assert.deepEqual(coverage(6.5, 2.5, 0.5, 2.5), row2, "the other way");
  const column3 = expected(range(0, 4).map((row) => [row, 3, FULL]));
  assert.deepEqual(coverage(3.5, 0.2, 3.5, 4.8), column3, "vertical");
  assert.deepEqual(coverage(3.5, 4.8, 3.5, 0.2), column3, "downwards");
});

test("between two rows, each column's coverage is shared by the two nearest pixel centres, by nearness", () => {
  // y = 2.75: a quarter of the way from row 2's centre (2.5) to row 3's (3.5).
  assert.deepEqual(coverage(0.5, 2.75, 6.5, 2.75), expected(range(0, 6).flatMap((c): [number, number, number][] => [[2, c, 192], [3, c, 64]])));
  // A shallow line, slope 1/2: at each column's centre x = u + 0.5, y = 0.5 + (x − 0.5) / 2.
  const cells: [number, number, number][] = [];
  for (const u of range(0, 8)) {
    const y = 0.5 + u / 2 - 0.5;
    const lower = Math.floor(y);
    const share = Math.round((y - lower) * FULL);
    if (FULL - share) cells.push([lower, u, FULL - share]);
    if (share) cells.push([lower + 1, u, share]);
  }
  assert.deepEqual(coverage(0.5, 0.5, 8.5, 4.5), expected(cells));
  assert.deepEqual(coverage(8.5, 4.5, 0.5, 0.5), expected(cells), "the other way");
  // A steep line, slope 2: the same along rows.
  const steep: [number, number, number][] = [];
  for (const v of range(0, 4)) {
    const x = 0.5 + v / 2 - 0.5;
    const lower = Math.floor(x);
    const share = Math.round((x - lower) * FULL);
    if (FULL - share) steep.push([v, lower, FULL - share]);
    if (share) steep.push([v, lower + 1, share]);
  }
  assert.deepEqual(coverage(0.5, 0.5, 2.5, 4.5), expected(steep));
});

test("clipping keeps exactly the part inside; outside or broken segments draw nothing", () => {
  assert.deepEqual(coverage(-5, 2.5, 15, 2.5), expected(range(0, 9).map((column) => [2, column, FULL])), "through both sides");
  assert.deepEqual(coverage(15, 2.5, -5, 2.5), coverage(-5, 2.5, 15, 2.5));
  assert.deepEqual(coverage(3.5, -10, 3.5, 10), expected(range(0, 4).map((row) => [row, 3, FULL])), "through top and bottom");
  assert.deepEqual(coverage(-3, 2.5, 4.5, 2.5), expected(range(0, 4).map((column) => [2, column, FULL])), "from the left edge to column 4");
  assert.deepEqual(coverage(4.5, 2.5, 30, 2.5), expected(range(4, 9).map((column) => [2, column, FULL])), "from column 4 out to the right");
  assert.deepEqual(coverage(3.5, 1.5, 3.5, 40), expected(range(1, 4).map((row) => [row, 3, FULL])), "up and out of the top");
  assert.deepEqual(coverage(3.5, -40, 3.5, 2.2), expected(range(0, 2).map((row) => [row, 3, FULL])), "in from below");
  const nothing = expected([]);
  for (const [x0, y0, x1, y1] of [
    [-5, -1, 15, -1],
    [-5, 7, 15, 7],
    [-3, 1, -1, 4],
    [12, 1, 14, 4],
    [-4, 3, 2, 9],
    [0.5, Number.NaN, 5, 2],
    [0.5, 2, Infinity, 2],
    [Number.NaN, 2, 5, 2],
    [0.5, 2, 5, -Infinity],
  ]) {
    assert.deepEqual(coverage(x0!, y0!, x1!, y1!), nothing, `${[x0, y0, x1, y1]}`);
  }
});

test("every step along a segment inside adds one pixel's worth: the total is FULL per column (or row) crossed", () => {
  const random = seededRandom(3);
  for (let k = 0; k < 200; k++) {
    const [x0, y0, x1, y1] = [random() * W, random() * H, random() * W, random() * H];
    const raster = new CountRaster(W, H);
    raster.segment(x0, y0, x1, y1, 1);
    const steep = Math.abs(y1 - y0) > Math.abs(x1 - x0);
    const [a, b] = steep ? [y0, y1] : [x0, x1];
    const steps = Math.floor(Math.max(a, b)) - Math.floor(Math.min(a, b)) + 1;
    const total = raster.counts.reduce((sum, c) => sum + c, 0);
    // A step whose share falls outside the raster (the line within half a pixel of an edge) loses it.
    assert.ok(total <= steps * FULL && total >= steps * FULL - 2 * FULL, `segment ${[x0, y0, x1, y1].map((v) => v.toFixed(2))}: ${total} for ${steps} steps`);
    raster.segment(x0, y0, x1, y1, -1);
    assert.ok(raster.counts.every((c) => c === 0), "removing it restores every pixel");
  }
});

test("paint: nothing where uncovered, alpha scaled by coverage, full alpha from one line's worth", () => {
  const raster = new CountRaster(5, 1);
  raster.counts.set([0, -5, 128, 256, 600]);
  const out = new Uint32Array(5);
  const color = (0xc8 << 24) | 0x123456;
  raster.paint(color >>> 0, out);
  assert.deepEqual([...out], [0, 0, ((((0xc8 * 128) >> 8) << 24) | 0x123456) >>> 0, ((0xc8 << 24) | 0x123456) >>> 0, ((0xc8 << 24) | 0x123456) >>> 0]);
  raster.clear();
  assert.ok(raster.counts.every((c) => c === 0));
});
