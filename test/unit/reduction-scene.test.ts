// The display scene the engine builds from a job's scene: every glyph fed by a source of its own,
// sized by the viewport's pixels; a raster layer beneath only where a source can outgrow its budget;
// extra panels shorter; default colours by glyph index; image glyphs' extent in "auto" ranges.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { FrameData, Scene } from "../../src/protocol/types.js";
import { GLYPH_COLORS } from "../../src/protocol/scene.js";
import { FramePool } from "../../src/worker/engine/frame-pool.js";
import { FrameReducer } from "../../src/worker/reduction/frame-reducer.js";
import { m4Capacity } from "../../src/worker/reduction/m4.js";

const XY = { x: "f64", y: "f64" } as const;

test("display scene: a source per glyph, sized by pixels; rasters only for sources that can outgrow their budget, drawn first", () => {
  const [width, height] = [200, 100];
  const scene: Scene = {
    sources: {
      small: { columns: XY, capacity: 2 * width },
      big: { columns: XY, capacity: 2 * width + 1, mode: "append" },
      dots: { columns: XY, capacity: 4096 },
      cloud: { columns: XY, capacity: 4097 },
      picture: { columns: { rgba: "u32" }, capacity: 6 },
    },
    glyphs: [
      { kind: "line", source: "small", x: "x", y: "y" },
      { kind: "line", source: "big", x: "x", y: "y", color: "#123456", alpha: 0.5, width: 3 },
      { kind: "scatter", source: "dots", x: "x", y: "y", size: 4 },
      { kind: "scatter", source: "cloud", x: "x", y: "y" },
      { kind: "image", source: "picture", image: "rgba", width: 3, height: 2, x: 0, y: 0, dw: 3, dh: 2 },
      { kind: "line", source: "small", x: "y", y: "x" },
    ],
    title: "main",
    xRange: [0, 1],
    panels: [{ glyphs: [{ kind: "line", source: "big", x: "x", y: "y" }], yScale: "log", yLabel: "loss" }],
  };
  const reducer = new FrameReducer(scene, { width, height });
  const display = reducer.scene;
  const room = width * height;
  const line = Math.max(m4Capacity(width), 2 * width + 2);
  assert.deepEqual(display.sources, {
    p0g0: { columns: XY, capacity: line },
    p0g1: { columns: XY, capacity: line },
    p0g1r: { columns: { rgba: "u32" }, capacity: room },
    p0g2: { columns: XY, capacity: 4096 },
    p0g3: { columns: XY, capacity: 4096 },
    p0g3r: { columns: { rgba: "u32" }, capacity: room },
    p0g4: { columns: { rgba: "u32" }, capacity: room },
    p0g5: { columns: XY, capacity: line },
    p1g0: { columns: XY, capacity: line },
    p1g0r: { columns: { rgba: "u32" }, capacity: room },
  });
  const layer = (source: string, h = height) => ({ kind: "image", source, image: "rgba", width, height: h, x: 0, y: 0, dw: 1, dh: 1 });
  assert.deepEqual(display.glyphs, [
    layer("p0g1r"),
    layer("p0g3r"),
    { kind: "line", source: "p0g0", x: "x", y: "y", color: GLYPH_COLORS[0] },
    { kind: "line", source: "p0g1", x: "x", y: "y", color: "#123456", alpha: 0.5, width: 3 },
    { kind: "scatter", source: "p0g2", x: "x", y: "y", size: 4, color: GLYPH_COLORS[2] },
    { kind: "scatter", source: "p0g3", x: "x", y: "y", color: GLYPH_COLORS[3] },
    layer("p0g4"),
    { kind: "line", source: "p0g5", x: "x", y: "y", color: GLYPH_COLORS[0] },
  ]);
  assert.equal(display.title, "main");
  assert.deepEqual(display.xRange, [0, 1]);
  // The extra panel is 45% of the height; its raster is that tall.
  assert.deepEqual(display.panels, [{ yScale: "log", yLabel: "loss", glyphs: [layer("p1g0r", 45), { kind: "line", source: "p1g0", x: "x", y: "y", color: GLYPH_COLORS[0] }] }]);
  assert.equal(new FrameReducer({ sources: scene.sources, glyphs: [] }, { width, height }).scene.panels, undefined, "no extra panels, no panels key");
});

test("auto ranges take an image's extent once it is written; a log panel's range holds only positive values", () => {
  const scene: Scene = {
    sources: { picture: { columns: { rgba: "u32" }, capacity: 4 }, loss: { columns: { i: "f64", v: "f64" }, capacity: 3 } },
    glyphs: [{ kind: "image", source: "picture", image: "rgba", width: 2, height: 2, x: 10, y: -5, dw: 20, dh: 10 }],
    panels: [{ glyphs: [{ kind: "line", source: "loss", x: "i", y: "v" }], yScale: "log" }],
  };
  const job = (write: (frame: FrameData) => void) => ({ scene, advance() {}, write, snapshot: () => ({}), counters: () => ({ steps: 0 }) });
  const unwritten = new FrameReducer(scene, { width: 50, height: 40 });
  unwritten.take(job(() => {}));
  const [empty] = unwritten.reduce(new FramePool(unwritten.scene, 1).take()!);
  assert.deepEqual(empty, { x: [0, 1], y: [0, 1] }, "nothing written yet: the default");
  const reducer = new FrameReducer(scene, { width: 50, height: 40 });
  const frame = new FramePool(reducer.scene, 1).take()!;
  reducer.take(
    job((staging) => {
      staging.picture!.columns.rgba!.fill(0xff0000ff);
      staging.picture!.length = 4;
      staging.loss!.columns.i!.set([0, 1, 2]);
      staging.loss!.columns.v!.set([100, 0, 1]);
      staging.loss!.length = 3;
    }),
  );
  const [main, loss] = reducer.reduce(frame);
  assert.deepEqual(main, { x: [9, 31], y: [-5.5, 5.5] }, "the image's rectangle, padded by 5%");
  const [low, high] = loss!.y;
  assert.ok(Math.abs(Math.log10(low) + 0.1) < 1e-12 && Math.abs(Math.log10(high) - 2.1) < 1e-12, `1 to 100, padded by a tenth of a decade (0 left out): ${loss!.y}`);
});

test("shared x: every panel is reduced for the main panel's x, which follows the data of all panels; without it each follows its own", () => {
  const [width, height] = [100, 50];
  const scene = (sharedX: boolean): Scene => ({
    sources: { early: { columns: XY, capacity: 10 }, late: { columns: XY, capacity: 10 } },
    glyphs: [{ kind: "line", source: "early", x: "x", y: "y" }],
    panels: [{ glyphs: [{ kind: "line", source: "late", x: "x", y: "y" }], xFollow: "slide" }],
    xFollow: "slide",
    ...(sharedX ? { sharedX } : {}),
  });
  const ranges = (sharedX: boolean, view?: [number, number]) => {
    const reducer = new FrameReducer(scene(sharedX), { width, height });
    reducer.take({
      scene: scene(sharedX),
      advance() {},
      snapshot: () => ({}),
      counters: () => ({ steps: 0 }),
      write(frame: FrameData) {
        // "early" has x in [0, 4], "late" in [3, 9].
        for (const [name, from, to] of [["early", 0, 4], ["late", 3, 9]] as const) {
          const s = frame[name]!;
          s.length = to - from + 1;
          for (let i = 0; i < s.length; i++) [s.columns.x![i], s.columns.y![i]] = [from + i, i];
        }
      },
    });
    if (view) reducer.setView([{ x: view, y: "auto", width, height, pixelRatio: 1 }, { x: "auto", y: "auto", width, height, pixelRatio: 1 }]);
    const out = new FramePool(reducer.scene, 1).take()!;
    return reducer.reduce(out).map((panel) => panel.x);
  };
  assert.deepEqual(ranges(false), [[0, 4], [3, 9]], "each panel slides over its own data");
  assert.deepEqual(ranges(true), [[0, 9], [0, 9]], "one x over the data of both");
  assert.deepEqual(ranges(true, [2, 5]), [[2, 5], [2, 5]], "the main panel's view is every panel's");
  assert.equal(new FrameReducer(scene(true), { width, height }).scene.sharedX, true, "the page is told");
});
