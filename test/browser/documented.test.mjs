// What README documents about the element, each with a test that fails when it stops being true:
// when stop() and step() settle, reset() from error, the stats figures, tools, texts, role="alert",
// step(frames) checks, max-points, and pictures checked by their pixels.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { addPlot, animationFrames, browserSuite, colourExtents, firstEvent, plotPixels, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();
const seed = JSON.parse(await readFile("test/reference/regression-seed.json", "utf8"));

/** The default colours of a panel's first, second, third… line or scatter (BokehJS's Category10). */
const BLUE = [0x1f, 0x77, 0xb4];
const GREEN = [0x2c, 0xa0, 0x2c];
const PURPLE = [0x94, 0x67, 0xbd];

/** How many pixels colourExtents found. */
const inked = (extents) => extents.rows.reduce((a, b) => a + b, 0);

test("stop() and step() settle once the frame that shows them is drawn, and not before", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", autostart: "" });
  await waitForState(page, "#w", "running");
  await waitForMoreFrames(page, "#w", 5);
  // Counted in the page, in the same task as each call settles: a frame drawn later would show.
  const frames = await page.evaluate(async () => {
    const element = document.querySelector("#w");
    const tenFrames = () =>
      new Promise((resolve) => {
        let n = 10;
        const tick = () => (--n <= 0 ? resolve(undefined) : requestAnimationFrame(tick));
        requestAnimationFrame(tick);
      });
    const counts = {};
    await element.stop();
    counts.stopped = element.stats.frames;
    await tenFrames();
    counts.afterStop = element.stats.frames;
    await element.step();
    counts.stepped = element.stats.frames;
    await tenFrames();
    counts.afterStep = element.stats.frames;
    await element.step(30);
    counts.stepped30 = element.stats.frames;
    await tenFrames();
    counts.afterStep30 = element.stats.frames;
    return counts;
  });
  assert.equal(frames.afterStop, frames.stopped, "no frame came after stop() settled: its frame was already drawn");
  assert.equal(frames.stepped, frames.stopped + 1, "step() settled with its one frame drawn");
  assert.equal(frames.afterStep, frames.stepped);
  assert.equal(frames.stepped30, frames.stepped + 1, "step(30) settled with its one frame drawn");
  assert.equal(frames.afterStep30, frames.stepped30);
  await close();
});

test("reset() on an element in error starts it over: ready, at its initial state, the message gone", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  // Without standardising, this learning rate diverges within a few iterations.
  await addPlot(page, "fit", { job: "regression", params: { x: seed.x, y: seed.y, standardize: false, learningRate: 0.05 } });
  await waitForState(page, "#fit", "ready");
  await page.evaluate(() => document.querySelector("#fit").start());
  const { detail } = await firstEvent(page, "fit", "live-plot-error");
  assert.equal(detail.code, "diverged");
  await waitForState(page, "#fit", "error");
  await page.evaluate(() => document.querySelector("#fit").reset());
  assert.equal(await page.evaluate(() => document.querySelector("#fit").state), "ready", "reset() settles with the element ready");
  assert.equal((await page.evaluate(() => document.querySelector("#fit").snapshot())).iteration, 0, "at the initial state");
  assert.equal(await page.locator('#fit [part~="error"]').count(), 0, "the message is gone");
  await close();
});

test("stats: refreshes missed while the page was busy count as dropped frames; the cost percentiles are in order", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", autostart: "" });
  await waitForState(page, "#w", "running");
  await waitForMoreFrames(page, "#w", 10);
  const before = await page.evaluate(() => document.querySelector("#w").stats.droppedFrames);
  // The main thread busy for 300 ms: about 18 refreshes at 60 Hz pass without a frame.
  await page.evaluate(() => {
    const end = performance.now() + 300;
    while (performance.now() < end);
  });
  await waitForMoreFrames(page, "#w", 3);
  const after = await page.evaluate(() => document.querySelector("#w").stats);
  assert.ok(after.droppedFrames - before >= 10, `${after.droppedFrames - before} dropped frames counted for a 300 ms stall`);
  // A report (twice a second) carries the median and 95th percentile of the frames' main-thread cost.
  const report = await page.evaluate(
    () => new Promise((resolve) => document.querySelector("#w").addEventListener("live-plot-stats", (event) => resolve(event.detail), { once: true })),
  );
  assert.ok(report.frameMsP50 > 0 && report.frameMsP50 <= report.frameMsP95 && report.frameMsP95 < 1000, `p50 ${report.frameMsP50}, p95 ${report.frameMsP95}`);
  assert.ok(report.fps > 0 && report.simRate > 0, `fps ${report.fps}, steps/s ${report.simRate}`);
  await close();
});

test("without tools there is no toolbar and the wheel does not zoom; with tools there is one", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "plain", { job: "wave", width: "400", height: "250" });
  await addPlot(page, "tooled", { job: "wave", width: "400", height: "250", tools: "" });
  await waitForState(page, "#plain", "ready");
  await waitForState(page, "#tooled", "ready");
  // BokehJS's toolbar holds a button per tool: pan, box zoom, wheel zoom, reset, save.
  const buttons = (id) => page.locator(`#${id} .plot`).locator(".bk-tool-icon-reset, [class*='bk-tool-icon']").count();
  assert.equal(await buttons("plain"), 0, "no toolbar without tools");
  assert.ok((await buttons("tooled")) >= 4, "a toolbar with tools");
  const view = await page.evaluate(() => document.querySelector("#plain").view);
  const box = await page.locator("#plain .plot").boundingBox();
  await page.mouse.move(box.x + 200, box.y + 125);
  await page.mouse.wheel(0, -400);
  await animationFrames(page, 10);
  assert.deepEqual(await page.evaluate(() => document.querySelector("#plain").view), view, "the wheel left the view as it was");
  await close();
});

test("plot-title, x-label and y-label are drawn: each adds ink in the plot's text colour", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  const texts = { bare: {}, title: { "plot-title": "Travelling wave" }, x: { "x-label": "position along the string" }, y: { "y-label": "amplitude of the wave" } };
  for (const [id, attributes] of Object.entries(texts)) await addPlot(page, id, { job: "wave", width: "400", height: "260", "x-label": "", "y-label": "", ...attributes });
  for (const id of Object.keys(texts)) await waitForState(page, `#${id}`, "ready");
  // The plot's text colour (#444444), anti-aliased on the white background: ticks, and the texts.
  const ink = async (id) => inked(await colourExtents(page, await plotPixels(page, `#${id}`), [0x44, 0x44, 0x44], 100));
  const bare = await ink("bare");
  for (const id of ["title", "x", "y"]) {
    const withText = await ink(id);
    assert.ok(withText > bare + 100, `${id}: ${withText} pixels of text colour, ${bare} without the text`);
  }
  await close();
});

test('an element in error shows its message in role="alert", the same as the event\'s', async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "bad", { job: "wobble" });
  const { detail } = await firstEvent(page, "bad", "live-plot-error");
  const alert = page.locator('#bad [part~="error"]');
  assert.equal(await alert.getAttribute("role"), "alert");
  assert.equal((await alert.textContent()).trim(), detail.message);
  assert.equal(await page.locator("#bad").getByRole("alert").count(), 1, "exposed to assistive technology as an alert");
  await close();
});

test("step(frames) takes an integer from 1 to 100000: anything else is invalid-params saying so", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  /** @type {unknown[]} */
  const bad = [0, -1, 1.5, 100_001, "3", null];
  for (const [i] of bad.entries()) await addPlot(page, `s${i}`, { job: "wave" });
  for (const [i, frames] of bad.entries()) {
    await waitForState(page, `#s${i}`, "ready");
    await page.evaluate(([id, frames]) => document.querySelector(String(id)).step(/** @type {number} */ (frames)), [`#s${i}`, frames]);
    const { detail } = await firstEvent(page, `s${i}`, "live-plot-error");
    assert.equal(detail.code, "invalid-params", String(frames));
    assert.match(detail.message, /step\(frames\) takes an integer from 1 to 100000/, String(frames));
    assert.equal(await page.evaluate((id) => document.querySelector(id).state, `#s${i}`), "error");
  }
  // A good call on a fresh element steps, as documented.
  await addPlot(page, "good", { job: "wave" });
  await waitForState(page, "#good", "ready");
  await page.evaluate(() => document.querySelector("#good").step(100_000));
  assert.ok(Math.abs((await page.evaluate(() => document.querySelector("#good").snapshot())).t - 100_000 / 60) < 1e-6);
  await close();
});

test("a million-point wave of many periods per pixel column draws every column from -1 to 1: no extreme is lost", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  // 400 periods across 600 px: each column holds a whole period or more, so the full line paints a
  // band; a reduction that dropped a column's maximum or minimum would leave that column short.
  await addPlot(page, "w", { job: "wave", params: { points: 1_000_000, frequency: 200, speed: 0 }, width: "600", height: "300" });
  await waitForState(page, "#w", "ready");
  const { top, bottom } = await colourExtents(page, await plotPixels(page, "#w"), BLUE);
  const columns = top.map((y, x) => [y, bottom[x]]).filter(([y]) => y >= 0);
  assert.ok(columns.length > 500, `${columns.length} columns hold the line`);
  const mode = (values) => {
    const counts = new Map();
    for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0];
  };
  const [high, low] = [mode(columns.map(([y]) => y)), mode(columns.map(([, y]) => y))];
  assert.ok(low - high > 200, `the band spans ${low - high} rows of the 300 px plot`);
  const short = columns.filter(([y0, y1]) => Math.abs(y0 - high) > 2 || Math.abs(y1 - low) > 2);
  assert.ok(short.length <= 4, `${short.length} columns do not reach from the top of the band to its bottom`);
  await close();
});

test("regression's loss panel draws the loss and its gap to least squares on a log axis", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "fit", { job: "regression", params: { x: seed.x, y: seed.y }, autostart: "" });
  await waitForState(page, "#fit", "finished");
  const picture = await plotPixels(page, "#fit");
  const loss = await colourExtents(page, picture, GREEN, 30);
  const gap = await colourExtents(page, picture, PURPLE, 30);
  assert.ok(inked(loss) > 100, `the loss line: ${inked(loss)} pixels`);
  assert.ok(inked(gap) > 100, `the gap line: ${inked(gap)} pixels`);
  // The gap shrinks geometrically: on a log axis a line falling across the panel, not an L hugging
  // its floor. Its pixels spread over many rows, none holding a large share of them.
  const rows = gap.rows.map((n, y) => [y, n]).filter(([, n]) => n > 0);
  const span = rows.at(-1)[0] - rows[0][0];
  assert.ok(span > 60, `the gap line falls across ${span} rows`);
  assert.ok(Math.max(...gap.rows) < inked(gap) * 0.2, `no row holds most of the gap line (${Math.max(...gap.rows)} of ${inked(gap)})`);
  await close();
});

test("max-points is how many of the newest points a trail keeps: a short trail draws a fraction of a long one", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "long", { job: "lorenz", width: "400", height: "300" });
  await addPlot(page, "short", { job: "lorenz", width: "400", height: "300", "max-points": "40" });
  for (const id of ["long", "short"]) await waitForState(page, `#${id}`, "ready");
  // The same simulated second for both: 60 steps of 1/60 s, 200 samples of the trajectory.
  for (const id of ["long", "short"]) await page.evaluate((id) => document.querySelector(id).step(60), `#${id}`);
  const ink = async (id) => inked(await colourExtents(page, await plotPixels(page, `#${id}`), BLUE, 60));
  const [long, short] = [await ink("long"), await ink("short")];
  assert.ok(short > 3, `the short trail is drawn (${short} pixels)`);
  assert.ok(short * 4 < long, `40 of 200 samples: ${short} pixels against ${long}`);
  await close();
});
