// The engine's reduction seen on the page: what BokehJS draws from the reduced frames against the
// same data drawn in full (by the same plot code, in the page), pixel by pixel; views that follow
// zoom without restarting the job. Canvas lines are anti-aliased: a pixel column drawn from M4's four
// points is not shaded exactly as one drawn from hundreds of points (the unit tests show the drawings
// equal without anti-aliasing), so "a pixel differs" here means: ink in one drawing with no ink of
// the other within one pixel.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPlot, animationFrames, browserSuite, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();
const JOB = "/test/pages/jobs/fixed-series.js";
const [WIDTH, HEIGHT] = [600, 300];

/** Opens the comparison page (or `path`) with a reduced plot `#reduced` of `params`, shown and running. */
async function reducedPlot(params, attributes = {}, path = "/test/pages/full-draw.html") {
  const opened = await suite.open(path, { viewport: { width: 1300, height: 700 } });
  await addPlot(opened.page, "reduced", { job: JOB, params, width: String(WIDTH), height: String(HEIGHT), autostart: "", ...attributes });
  await waitForState(opened.page, "#reduced", "running");
  await waitForMoreFrames(opened.page, "#reduced", 2);
  return opened;
}

/** Draws the data in full (and an empty plot beside it) with `ranges`, or the scene's. */
async function drawFull(page, { kind, n, seed }, ranges) {
  await page.waitForFunction(() => typeof window.drawFull === "function");
  await page.evaluate(
    async ([kind, n, seed, width, height, ranges]) => {
      for (const [id, empty] of /** @type {[string, boolean][]} */ ([["full", false], ["empty", true]])) {
        const div = document.createElement("div");
        div.id = id;
        div.className = "full";
        document.body.append(div);
        await window.drawFull(div, kind, n, seed, width, height, ranges ?? undefined, empty);
      }
    },
    [kind, n, seed, WIDTH, HEIGHT, ranges ?? null],
  );
  // BokehJS paints in an animation frame after mounting.
  await animationFrames(page, 3);
}

/**
 * Compares the reduced plot's pixels with the full drawing's. Ink: pixels where a drawing differs
 * from the empty plot by more than `threshold` in some channel. Answers the ink of each and how many
 * ink pixels of each have no ink of the other within `reach` pixels.
 */
async function comparePlots(page, { threshold = 24, reach = 1 } = {}) {
  const shots = {};
  for (const [name, selector] of [["reduced", "#reduced .plot"], ["full", "#full"], ["empty", "#empty"]]) {
    shots[name] = (await page.locator(selector).screenshot()).toString("base64");
  }
  return page.evaluate(
    async ([shots, threshold, reach]) => {
      const decode = async (data) => {
        const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${data}`)).blob());
        const context = new OffscreenCanvas(bitmap.width, bitmap.height).getContext("2d");
        context.drawImage(bitmap, 0, 0);
        return context.getImageData(0, 0, bitmap.width, bitmap.height);
      };
      const [reduced, full, empty] = await Promise.all([shots.reduced, shots.full, shots.empty].map(decode));
      if (reduced.width !== full.width || reduced.height !== full.height) throw new Error(`sizes differ: ${reduced.width}×${reduced.height} and ${full.width}×${full.height}`);
      const { width, height } = full;
      const apart = (a, b, i) => Math.max(...[0, 1, 2].map((k) => Math.abs(a.data[i + k] - b.data[i + k]))) > threshold;
      const ink = (image) => Uint8Array.from({ length: width * height }, (_, p) => (apart(image, empty, 4 * p) ? 1 : 0));
      const [inkReduced, inkFull] = [ink(reduced), ink(full)];
      const near = (mask, x, y) => {
        for (let dy = -reach; dy <= reach; dy++) for (let dx = -reach; dx <= reach; dx++) if (mask[(y + dy) * width + x + dx]) return true;
        return false;
      };
      const stats = { inkReduced: 0, inkFull: 0, reducedFar: 0, fullFar: 0 };
      for (let y = reach; y < height - reach; y++) {
        for (let x = reach; x < width - reach; x++) {
          const p = y * width + x;
          stats.inkReduced += inkReduced[p];
          stats.inkFull += inkFull[p];
          if (inkReduced[p] && !near(inkFull, x, y)) stats.reducedFar++;
          if (inkFull[p] && !near(inkReduced, x, y)) stats.fullFar++;
        }
      }
      return stats;
    },
    [shots, threshold, reach],
  );
}

/**
 * The full drawing has at least `minInk` line pixels, and at most 0.5% of either drawing's line pixels
 * differ: have no ink of the other within a pixel.
 */
async function assertDrawnAlike(page, minInk) {
  const { inkFull, inkReduced, reducedFar, fullFar } = await comparePlots(page);
  assert.ok(inkFull > minInk, `the full drawing is there (${inkFull} line pixels)`);
  assert.ok(fullFar <= 0.005 * inkFull, `${fullFar} of ${inkFull} pixels of the full drawing have no reduced ink within 1 px`);
  assert.ok(reducedFar <= 0.005 * inkReduced, `${reducedFar} of ${inkReduced} pixels of the reduced drawing have no full ink within 1 px`);
}

const WALK = { kind: "walk", n: 100_000, seed: 3 };

test("a reduced line (100,000 points of a random walk in 600 px: M4 drawn as column spans) draws as the full line: at most 0.5% of line pixels differ", async () => {
  const { page, close } = await reducedPlot(WALK);
  const { bytes, ratio } = await page.evaluate(() => ({ bytes: document.querySelector("#reduced").stats.bytesPerFrame, ratio: devicePixelRatio }));
  // The walk zigzags through every column: one RGBA image of the plot's pixels, whatever the points.
  assert.ok(bytes > 0 && bytes <= 4 * WIDTH * HEIGHT * ratio * ratio, `the page is sent pixels, not points: ${bytes} bytes per frame`);
  await drawFull(page, WALK);
  await assertDrawnAlike(page, 5 * WIDTH);
  await close();
});

test("a zoom is re-reduced from the full data, without a restart: the zoomed line draws as the full line at that zoom", async () => {
  const data = { kind: "walk", n: 1_000_000, seed: 5 };
  const { page, close } = await reducedPlot(data);
  const before = await page.evaluate(() => document.querySelector("#reduced").snapshot());
  // 1/200 of the x range (y as it is): 5,000 points where a frame made for the whole range has 2–4 per column.
  const zoom = { x: /** @type {[number, number]} */ ([400_000, 405_000]), y: await page.evaluate(() => document.querySelector("#reduced").view.y) };
  await page.evaluate((zoom) => (document.querySelector("#reduced").view = zoom), zoom);
  await waitForMoreFrames(page, "#reduced", 2);
  assert.deepEqual(await page.evaluate(() => document.querySelector("#reduced").view), zoom, "the view holds where it was set");
  const after = await page.evaluate(() => document.querySelector("#reduced").snapshot());
  assert.ok(after.frames > before.frames, `the job carried on (frames ${before.frames} → ${after.frames}), not restarted`);
  await drawFull(page, data, zoom);
  await assertDrawnAlike(page, WIDTH / 2);
  // view = null: back to following the data.
  await page.evaluate(() => (document.querySelector("#reduced").view = null));
  await page.waitForFunction((zoom) => document.querySelector("#reduced").view.x[1] - document.querySelector("#reduced").view.x[0] > 100 * (zoom.x[1] - zoom.x[0]), zoom);
  await close();
});

test("a trail whose x does not ascend (200,000 points, raster beneath a vector tail) draws as the full trail", async () => {
  const trail = { kind: "trail", n: 200_000, seed: 7 };
  const { page, close } = await reducedPlot(trail);
  const bytes = await page.evaluate(() => document.querySelector("#reduced").stats.bytesPerFrame);
  // A raster of the plot's pixels and a tail of 2 points per column: nothing that grows with the data.
  assert.ok(bytes < 4 * WIDTH * HEIGHT + 16 * 2 * (WIDTH + 2), `the page is sent pixels, not points: ${bytes} bytes per frame`);
  await drawFull(page, trail);
  await assertDrawnAlike(page, 2 * WIDTH);
  await close();
});

test("with tools, the wheel zooms; the plot stops following; Follow or a double-click returns to the live view", async () => {
  // Not on the comparison page, which hides the Follow button.
  const { page, close } = await reducedPlot(WALK, { tools: "" }, "/test/pages/blank.html");
  const home = await page.evaluate(() => document.querySelector("#reduced").view);
  await page.evaluate(() => {
    window.views = [];
    document.querySelector("#reduced").addEventListener("live-plot-view", (event) => window.views.push(event.detail));
  });
  const box = await page.locator("#reduced .plot").boundingBox();
  // The middle of the plot (the .plot box spans the element, which can be wider than the plot).
  await page.mouse.move(box.x + WIDTH / 2, box.y + HEIGHT / 2);
  await page.mouse.wheel(0, -400);
  await page.waitForFunction(() => window.views.length > 0);
  const zoomed = await page.evaluate(() => document.querySelector("#reduced").view);
  assert.ok(zoomed.x[1] - zoomed.x[0] < home.x[1] - home.x[0], `the wheel zoomed in: ${JSON.stringify(zoomed.x)} within ${JSON.stringify(home.x)}`);
  const event = await page.evaluate(() => window.views.at(-1));
  assert.equal(event.following, false);
  assert.deepEqual(event.x, zoomed.x, "live-plot-view tells the new range");
  const follow = page.locator("#reduced").locator('[part="follow"]');
  await follow.waitFor();
  await follow.click();
  await follow.waitFor({ state: "detached" });
  await page.waitForFunction((home) => JSON.stringify(document.querySelector("#reduced").view) === JSON.stringify(home), home);
  assert.equal((await page.evaluate(() => window.views.at(-1))).following, true);
  // Zoomed again, a double-click on the plot returns to the live view too.
  await page.mouse.wheel(0, -400);
  await follow.waitFor();
  await page.mouse.dblclick(box.x + WIDTH / 2, box.y + HEIGHT / 2);
  await follow.waitFor({ state: "detached" });
  await page.waitForFunction((home) => JSON.stringify(document.querySelector("#reduced").view) === JSON.stringify(home), home);
  await close();
});

test("x-range and y-range set on a running plot apply without a restart, and removing them returns to the scene's ranges", async () => {
  const { page, close } = await reducedPlot(WALK);
  const home = await page.evaluate(() => document.querySelector("#reduced").view);
  const before = await page.evaluate(() => document.querySelector("#reduced").snapshot());
  await page.evaluate(() => {
    const plot = document.querySelector("#reduced");
    plot.setAttribute("x-range", "1000,2000");
    plot.setAttribute("y-range", "-50,50");
  });
  await page.waitForFunction(() => JSON.stringify(document.querySelector("#reduced").view) === JSON.stringify({ x: [1000, 2000], y: [-50, 50] }));
  await waitForMoreFrames(page, "#reduced", 2);
  const after = await page.evaluate(() => document.querySelector("#reduced").snapshot());
  assert.ok(after.frames > before.frames, `the job carried on (frames ${before.frames} → ${after.frames}), not restarted`);
  assert.equal(await page.evaluate(() => document.querySelector("#reduced").state), "running");
  await page.evaluate(() => {
    const plot = document.querySelector("#reduced");
    plot.removeAttribute("x-range");
    plot.removeAttribute("y-range");
  });
  await page.waitForFunction((home) => JSON.stringify(document.querySelector("#reduced").view) === JSON.stringify(home), home);
  await close();
});

test("an invalid view is refused with invalid-attribute: the plot shows what it showed and runs on", async () => {
  const { page, close } = await reducedPlot(WALK, {}, "/test/pages/blank.html");
  const before = await page.evaluate(() => document.querySelector("#reduced").view);
  const error = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const plot = document.querySelector("#reduced");
        plot.addEventListener("live-plot-error", (event) => resolve(event.detail), { once: true });
        plot.view = { x: [5, 1], y: [0, 1] };
      }),
  );
  assert.equal(error.code, "invalid-attribute");
  assert.match(error.message, /view must be/);
  assert.deepEqual(await page.evaluate(() => document.querySelector("#reduced").view), before);
  assert.equal(await page.evaluate(() => document.querySelector("#reduced").state), "running");
  await close();
});
