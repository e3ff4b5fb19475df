// The reduction's small parts, exactly: colours as pixels, the pixel mapping on linear and log axes,
// data bounds, padded and followed auto ranges, and the key that says a view changed.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { FrameSource } from "../../src/protocol/types.js";
import { pixelColor } from "../../src/worker/reduction/color.js";
import { blockFactor, reduceImage } from "../../src/worker/reduction/image.js";
import { CountRaster } from "../../src/worker/reduction/raster.js";
import { APPEND_CHUNK, SourceStore } from "../../src/worker/reduction/series.js";
import { Bounds, followRange, paddedRange, panelAxes, toPixel } from "../../src/worker/reduction/view.js";

const bytes = (pixel: number) => [...new Uint8Array(Uint32Array.of(pixel).buffer)];

test("pixelColor: #rrggbb and #rgb as little-endian R, G, B, A bytes, alpha scaled; other colours fall back without a canvas", () => {
  assert.deepEqual(bytes(pixelColor("#1f77b4")), [0x1f, 0x77, 0xb4, 255]);
  assert.deepEqual(bytes(pixelColor("#ABC")), [0xaa, 0xbb, 0xcc, 255]);
  assert.deepEqual(bytes(pixelColor(" #ff7f0e ")), [0xff, 0x7f, 0x0e, 255], "spaces around are fine");
  assert.deepEqual(bytes(pixelColor("#ff0000", 0.5)), [255, 0, 0, 128]);
  assert.deepEqual(bytes(pixelColor("#00ff00", 0)), [0, 255, 0, 0]);
  assert.ok(pixelColor("#ffffff") > 0x7fffffff, "an unsigned 32-bit value");
  // Node has no OffscreenCanvas: names, rgb() and 8-digit hex take the default blue.
  for (const css of ["red", "rgb(1, 2, 3)", "#11223344", "#12"]) assert.deepEqual(bytes(pixelColor(css)), [31, 119, 180, 255], css);
  assert.deepEqual(bytes(pixelColor("red", 0.2)), [31, 119, 180, 51], "the fallback keeps the alpha asked for");
});

test("toPixel: linear and log axes, fractional, from the axis's start", () => {
  const linear = { start: -1, end: 3, pixels: 400, log: false };
  assert.equal(toPixel(linear, -1), 0);
  assert.equal(toPixel(linear, 3), 400);
  assert.equal(toPixel(linear, 0), 100);
  assert.equal(toPixel(linear, 0.01), 101);
  assert.equal(toPixel(linear, -2), -100);
  const log = { start: 1, end: 1000, pixels: 300, log: true };
  assert.equal(toPixel(log, 1), 0);
  assert.ok(Math.abs(toPixel(log, 10) - 100) < 1e-9);
  assert.ok(Math.abs(toPixel(log, 1000) - 300) < 1e-9);
  assert.ok(Math.abs(toPixel(log, 0.1) + 100) < 1e-9);
  assert.ok(Number.isNaN(toPixel(log, -1)), "off a log axis");
});

test("panelAxes: sizes rounded to whole pixels (at least one), the y axis's scale, and a key that changes with any of it", () => {
  const ranges = { x: [0, 10], y: [1, 100] } as const;
  const view = { x: "auto", y: "auto", width: 399.6, height: 0.2, pixelRatio: 2 } as const;
  const axes = panelAxes(ranges, view, true);
  assert.deepEqual(axes.x, { start: 0, end: 10, pixels: 400, log: false });
  assert.deepEqual(axes.y, { start: 1, end: 100, pixels: 1, log: true });
  assert.equal(axes.pixelRatio, 2);
  const keys = new Set([
    axes.key,
    panelAxes({ ...ranges, x: [0, 11] }, view, true).key,
    panelAxes({ ...ranges, y: [2, 100] }, view, true).key,
    panelAxes(ranges, { ...view, width: 300 }, true).key,
    panelAxes(ranges, { ...view, height: 50 }, true).key,
    panelAxes(ranges, { ...view, pixelRatio: 1 }, true).key,
  ]);
  assert.equal(keys.size, 6, "every change gives a new key");
  assert.equal(panelAxes(ranges, view, false).key, axes.key, "the key is of the view; the scale comes with the scene");
});

test("Bounds: finite values only, positive ones on a log axis; empty until one comes", () => {
  const linear = new Bounds(false);
  assert.equal(linear.empty, true);
  for (const v of [Number.NaN, Infinity, -Infinity]) linear.add(v);
  assert.equal(linear.empty, true, "non-finite values are no data");
  linear.add(3);
  assert.equal(linear.empty, false);
  assert.deepEqual([linear.min, linear.max], [3, 3]);
  for (const v of [-2, 7, 0]) linear.add(v);
  assert.deepEqual([linear.min, linear.max], [-2, 7]);
  const log = new Bounds(true);
  for (const v of [0, -1, Number.NaN]) log.add(v);
  assert.equal(log.empty, true, "nothing ≤ 0 on a log axis");
  log.add(0.01);
  log.add(100);
  assert.deepEqual([log.min, log.max], [0.01, 100]);
});

test("paddedRange: 5% of the span each side; a single value gets room; a log axis pads in decades; no data, a default", () => {
  const bounds = (log: boolean, ...values: number[]) => {
    const b = new Bounds(log);
    for (const v of values) b.add(v);
    return b;
  };
  assert.deepEqual(paddedRange(bounds(false, 0, 10)), [-0.5, 10.5]);
  assert.deepEqual(paddedRange(bounds(false, 100)), [95, 105], "5% of the value itself");
  assert.deepEqual(paddedRange(bounds(false, 0)), [-0.5, 0.5], "or half a unit at the least");
  assert.deepEqual(paddedRange(bounds(false, -4, -4)), [-4.5, -3.5], "5% of 4 is less than half a unit");
  const log = paddedRange(bounds(true, 1, 1e4));
  assert.ok(Math.abs(Math.log10(log[0]) + 0.2) < 1e-12 && Math.abs(Math.log10(log[1]) - 4.2) < 1e-12, `${log}`);
  const one = paddedRange(bounds(true, 10));
  assert.ok(Math.abs(Math.log10(one[0]) - 0.5) < 1e-12 && Math.abs(Math.log10(one[1]) - 1.5) < 1e-12, `half a decade around a single value: ${one}`);
  assert.deepEqual(paddedRange(bounds(false)), [0, 1]);
  assert.deepEqual(paddedRange(bounds(true)), [1, 10]);
});

test("followRange: holds while the data fits and fills half; grows with a quarter's room past the side crossed; shrinks to the data", () => {
  const bounds = (min: number, max: number, log = false) => {
    const b = new Bounds(log);
    b.add(min);
    b.add(max);
    return b;
  };
  assert.deepEqual(followRange(bounds(0, 10), undefined), [-0.5, 10.5], "no range before: the padded data");
  assert.deepEqual(followRange(bounds(0, 10), [-5, 15]), [-5, 15], "fits and fills half: held");
  // Crossing the top: the padded data [-0.6, 12.6] (span 13.2) plus a quarter of that above.
  const grown = followRange(bounds(0, 12), [-5, 11]);
  assert.equal(grown[0], -5, "the side not crossed stays");
  assert.ok(Math.abs(grown[1] - (12.6 + 0.25 * 13.2)) < 1e-9, `${grown}`);
  const below = followRange(bounds(-3, 8), [-1, 12]);
  assert.ok(Math.abs(below[0] - (-3.55 - 0.25 * 12.1)) < 1e-9 && below[1] === 12, `${below}`);
  assert.deepEqual(followRange(bounds(0, 1), [-100, 100]), [-0.05, 1.05], "data filling less than half: back to the padded data");
  assert.deepEqual(followRange(new Bounds(false), [2, 3]), [0, 1], "no data: the default");
  const log = followRange(bounds(1, 100, true), [0.1, 1000]);
  assert.deepEqual(log, [0.1, 1000], "on a log axis, decades count: 2.2 of 4 decades filled");
});

test("CountRaster: a line through pixel centres fills its pixels fully; half-way between, two half-covered rows", () => {
  const raster = new CountRaster(8, 6);
  raster.segment(0.5, 2.5, 5.5, 2.5, 1);
  const row = (y: number) => [...raster.counts.subarray(y * 8, y * 8 + 8)];
  assert.deepEqual(row(2), [256, 256, 256, 256, 256, 256, 0, 0]);
  assert.equal(raster.counts.reduce((a, b) => a + b, 0), 6 * 256, "nothing elsewhere");
  raster.clear();
  raster.segment(3.5, 0.5, 3.5, 4.5, 1);
  for (let y = 0; y < 6; y++) assert.deepEqual(row(y), y <= 4 ? [0, 0, 0, 256, 0, 0, 0, 0] : [0, 0, 0, 0, 0, 0, 0, 0], `a steep line, row ${y}`);
  raster.clear();
  raster.segment(4.5, 1, 0.5, 1, 2);
  assert.deepEqual(row(0), [256, 256, 256, 256, 256, 0, 0, 0], "drawn right to left, twice: half of 2 × 256");
  assert.deepEqual(row(1), [256, 256, 256, 256, 256, 0, 0, 0]);
});

test("CountRaster: drawing and undrawing restores every pixel; segments are clipped to the raster; breaks draw nothing", () => {
  const raster = new CountRaster(20, 10);
  const segments = [
    [1.2, 1.7, 17.3, 8.1],
    [-5, 4.5, 3.5, 4.5],
    [10.5, -3, 10.5, 30],
    [25, 2, 30, 8],
  ] as const;
  for (const [x0, y0, x1, y1] of segments) raster.segment(x0, y0, x1, y1, 1);
  const row4 = [...raster.counts.subarray(4 * 20, 4 * 20 + 20)];
  assert.deepEqual(row4.slice(0, 4), [256, 256, 256, 256], "clipped at the left edge, drawn from column 0");
  assert.ok(raster.counts.every((c) => c >= 0));
  assert.equal(raster.counts.filter((_, i) => i % 20 === 10).filter((c) => c > 0).length, 10, "a vertical line clipped to all 10 rows of column 10");
  for (const [x0, y0, x1, y1] of segments) raster.segment(x0, y0, x1, y1, -1);
  assert.ok(raster.counts.every((c) => c === 0), "exactly undone");
  raster.segment(Number.NaN, 1, 5, 5, 1);
  raster.segment(1, 1, 5, Infinity, 1);
  raster.segment(-10, -10, -1, -1, 1);
  assert.ok(raster.counts.every((c) => c === 0), "breaks and segments outside draw nothing");
});

test("CountRaster.paint: full coverage takes the colour's alpha, partial coverage a share of it, none is transparent", () => {
  const raster = new CountRaster(4, 1);
  raster.counts.set([0, 128, 256, 700]);
  const out = new Uint32Array(4);
  raster.paint(pixelColor("#102030", 0.8), out);
  assert.deepEqual([...out].map(bytes), [
    [0, 0, 0, 0],
    [0x10, 0x20, 0x30, 102],
    [0x10, 0x20, 0x30, 204],
    [0x10, 0x20, 0x30, 204],
  ]);
  raster.counts.set([-3, 0, 0, 0]);
  raster.paint(pixelColor("#102030"), out);
  assert.equal(out[0], 0, "negative coverage paints nothing");
});

test("SourceStore, replace: each commit is the whole series, its length clamped to the capacity, a new generation", () => {
  const store = new SourceStore({ columns: { x: "f64", c: "u32" }, capacity: 5 });
  assert.equal(store.append, false);
  assert.ok(store.staging.columns.c instanceof Uint32Array && store.staging.columns.x instanceof Float64Array);
  assert.equal(store.chunk, 5);
  store.staging.length = 3;
  assert.equal(store.commit(), false, "a replace source never asks for more");
  assert.deepEqual([store.series.start, store.series.end, store.series.generation], [0, 3, 1]);
  for (const [length, end] of [[9, 5], [-2, 0], [2.7, 2]] as const) {
    store.staging.length = length;
    store.commit();
    assert.equal(store.series.end, end, `length ${length}`);
  }
  assert.equal(store.series.generation, 4);
  assert.equal(store.series.columns, store.staging.columns, "a replace source's staging is its series");
});

test("SourceStore, append: new points join the ring in order; evictions are told before the overwrite; a full chunk asks for more", () => {
  const store = new SourceStore({ columns: { x: "f64" }, capacity: 4, mode: "append" });
  assert.equal(store.append, true);
  assert.equal(store.chunk, 4, "the staging holds min(capacity, APPEND_CHUNK)");
  assert.equal(new SourceStore({ columns: { x: "f64" }, capacity: APPEND_CHUNK * 3, mode: "append" }).chunk, APPEND_CHUNK);
  const evicted: [number, number, number[]][] = [];
  store.onEvict((series, newStart) => {
    const column = series.columns.x!;
    evicted.push([series.start, newStart, Array.from({ length: newStart - series.start }, (_, k) => column[(series.start + k) % series.capacity]!)]);
  });
  const write = (...values: number[]) => {
    store.staging.columns.x!.set(values);
    store.staging.length = values.length;
    return store.commit();
  };
  const kept = () => Array.from({ length: store.series.end - store.series.start }, (_, k) => store.series.columns.x![(store.series.start + k) % 4]!);
  assert.equal(write(1, 2, 3), false);
  assert.deepEqual(kept(), [1, 2, 3]);
  assert.equal(store.staging.length, 0, "the staging is emptied");
  assert.equal(write(), false, "nothing new: no change");
  assert.deepEqual([store.series.start, store.series.end], [0, 3]);
  assert.equal(write(4, 5), false);
  assert.deepEqual(kept(), [2, 3, 4, 5]);
  assert.deepEqual(evicted, [[0, 1, [1]]], "told of point 0 (value 1) before it was overwritten");
  assert.equal(write(6, 7, 8, 9), true, "a write that fills the chunk may have more");
  assert.deepEqual(kept(), [6, 7, 8, 9]);
  assert.deepEqual(evicted.at(-1), [1, 5, [2, 3, 4, 5]]);
  assert.deepEqual([store.series.start, store.series.end, store.series.generation], [5, 9, 0], "absolute indices; an append source keeps its generation");
});

test("blockFactor: the smallest block side (from the least given) that fits the room", () => {
  assert.equal(blockFactor(100, 100, 10_000), 1);
  assert.equal(blockFactor(100, 100, 9_999), 2);
  assert.equal(blockFactor(100, 100, 2_500), 2);
  assert.equal(blockFactor(100, 100, 2_499), 3, "ceil(100/3)² = 1156");
  assert.equal(blockFactor(100, 50, 2_500, 4), 4, "at least `least`");
  assert.equal(blockFactor(7, 3, 1), 7, "one pixel: a block as large as the image");
  assert.equal(blockFactor(10, 10, 100, 0), 1, "at least 1");
});

test("reduceImage: an image copied as it is where it fits; nothing sent out of view or before the image is whole", () => {
  const [w, h] = [4, 3];
  const image = Uint32Array.from({ length: w * h }, (_, i) => 0xff000000 + i);
  const series = { columns: { rgba: image }, start: 0, end: w * h, capacity: w * h, generation: 1 };
  const glyph = { kind: "image", source: "s", image: "rgba", width: w, height: h, x: 10, y: 20, dw: 8, dh: 3 } as const;
  const out = { length: 0, columns: { rgba: new Uint32Array(64) } } as FrameSource;
  const axes = (x: [number, number], y: [number, number], width = 40, height = 30) => panelAxes({ x, y }, { x, y, width, height, pixelRatio: 1 }, false);
  reduceImage(glyph, series, axes([10, 18], [20, 23]), 1000, out);
  assert.equal(out.length, 12);
  assert.deepEqual([...out.columns.rgba!.subarray(0, 12)], [...image], "f = 1: the pixels themselves");
  assert.deepEqual(out.image, { width: 4, height: 3, x: 10, y: 20, dw: 8, dh: 3 });
  // The right half in view: columns 2 and 3 of each row.
  reduceImage(glyph, series, axes([14, 18], [20, 23]), 1000, out);
  assert.deepEqual([...out.columns.rgba!.subarray(0, out.length)], [2, 3, 6, 7, 10, 11].map((i) => image[i]!));
  assert.deepEqual(out.image, { width: 2, height: 3, x: 14, y: 20, dw: 4, dh: 3 });
  for (const [x, y] of [[[0, 9], [20, 23]], [[10, 18], [24, 30]], [[19, 30], [0, 100]]] as [[number, number], [number, number]][]) {
    reduceImage(glyph, series, axes(x, y), 1000, out);
    assert.deepEqual([out.length, out.image], [0, undefined], `view ${x} × ${y} misses the image`);
  }
  reduceImage(glyph, { ...series, end: 11 }, axes([10, 18], [20, 23]), 1000, out);
  assert.deepEqual([out.length, out.image], [0, undefined], "an image not written whole is not sent");
  // Room for 2 pixels only: 2 × 2 blocks make 2 × 2 = 4 pixels, too many; 3 × 3 blocks make 2 × 1.
  reduceImage(glyph, series, axes([10, 18], [20, 23]), 2, out);
  assert.deepEqual(out.image, { width: 2, height: 1, x: 10, y: 20, dw: 8, dh: 3 });
});
