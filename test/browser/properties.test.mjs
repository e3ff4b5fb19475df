// Properties as frameworks set them: params replaced by attribute and property alike and read back
// at once; texts that change without restarting the job; a stats property that takes what the
// stats attribute means.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPlot, browserSuite, colourExtents, plotPixels, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();

test("params: what is set replaces what was there, by attribute and property alike, and reads back at once", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", autostart: "", params: '{"points": 500, "speed": 0}' });
  await waitForState(page, "#w", "running");
  // 500 points of x and y: fewer than the plot's pixel columns, so every frame carries them all.
  await page.waitForFunction(() => document.querySelector("#w").stats.bytesPerFrame === 500 * 2 * 8);
  const readBack = await page.evaluate(() => {
    const plot = document.querySelector("#w");
    plot.params = { speed: 1 };
    return plot.params;
  });
  assert.deepEqual(readBack, { speed: 1 }, "the property reads back what was set, before any frame");
  // Replaced, not merged: points goes back to the wave's default, 200.
  await page.waitForFunction(() => document.querySelector("#w").stats.bytesPerFrame === 200 * 2 * 8);
  const fromAttribute = await page.evaluate(() => {
    const plot = document.querySelector("#w");
    plot.setAttribute("params", '{"points": 300}');
    return plot.params;
  });
  assert.deepEqual(fromAttribute, { points: 300 }, "the attribute's JSON reads back at once, as an object");
  await page.waitForFunction(() => document.querySelector("#w").stats.bytesPerFrame === 300 * 2 * 8);
  // A refused update reads back what the job kept.
  await page.evaluate(() => (document.querySelector("#w").params = { points: -4 }));
  await page.waitForFunction(() => window.events.w.some((event) => event.type === "live-plot-error"));
  assert.deepEqual(await page.evaluate(() => document.querySelector("#w").params), { points: 300 });
  assert.equal(await page.evaluate(() => document.querySelector("#w").state), "running");
  await close();
});

test("plot-title, x-label and y-label change on a running plot without restarting its job", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", autostart: "", width: "400", height: "260", "x-label": "", "y-label": "" });
  await waitForState(page, "#w", "running");
  await waitForMoreFrames(page, "#w", 3);
  const textInk = async () => (await colourExtents(page, await plotPixels(page, "#w"), [0x44, 0x44, 0x44], 100)).rows.reduce((a, b) => a + b, 0);
  const before = { ink: await textInk(), t: (await page.evaluate(() => document.querySelector("#w").snapshot())).t };
  await page.evaluate(() => {
    const plot = document.querySelector("#w");
    plot.setAttribute("plot-title", "Travelling wave");
    plot.xLabel = "position along the string";
    plot.yLabel = "amplitude";
  });
  await page.waitForFunction(() => document.querySelector("#w").shadowRoot.querySelector('[part="plot"]').getAttribute("aria-label") === "Travelling wave");
  await waitForMoreFrames(page, "#w", 3);
  const after = { ink: await textInk(), t: (await page.evaluate(() => document.querySelector("#w").snapshot())).t };
  assert.ok(after.ink > before.ink + 300, `the texts are drawn: ${before.ink} → ${after.ink} pixels of text colour`);
  assert.ok(after.t > before.t, `the job went on: t ${before.t} → ${after.t}`);
  const loadings = await page.evaluate(() => window.events.w.filter((event) => event.type === "live-plot-state" && event.detail.state === "loading").length);
  assert.equal(loadings, 0, "no second start: the plot never went back to loading");
  await close();
});

test("the stats property takes what the stats attribute means; it reads the live figures", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", autostart: "" });
  await waitForState(page, "#w", "running");
  await waitForMoreFrames(page, "#w", 3);
  const shown = () => page.evaluate(() => document.querySelector("#w").shadowRoot.querySelector('[part="stats"]') !== null);
  assert.equal(await shown(), false);
  for (const [value, expected] of /** @type {[unknown, boolean][]} */ ([[true, true], [false, false], ["", true], [null, false], ["stats", true], [undefined, false]])) {
    await page.evaluate((value) => (document.querySelector("#w").stats = /** @type {boolean | string | null | undefined} */ (value)), value);
    await page.waitForFunction(([expected]) => (document.querySelector("#w").shadowRoot.querySelector('[part="stats"]') !== null) === expected, [expected]);
  }
  const figures = await page.evaluate(() => document.querySelector("#w").stats);
  assert.ok(Number.isInteger(figures.frames) && figures.frames >= 3, `figures: ${JSON.stringify(figures)}`);
  await close();
});

test("the console: one line for a real problem, none for a plot that runs", async () => {
  const { page, close, messages } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "ok", { job: "wave", autostart: "" });
  await addPlot(page, "bad", { job: "wave", backend: "vml" });
  await waitForState(page, "#bad", "error");
  await waitForState(page, "#ok", "running");
  await waitForMoreFrames(page, "#ok", 30);
  assert.deepEqual(messages, ['warning: <live-plot job="wave">: [invalid-attribute] backend must be one of canvas, webgl, svg, got "vml"']);
  await close();
});
