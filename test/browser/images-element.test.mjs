// Image jobs in the browser: RGBA frames reach BokehJS's image_rgba and the picture changes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPlot, browserSuite, countPixels, plotPixels, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();

test("the seed's painter and Gray–Scott draw changing pictures; the painted count follows the rate", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "painter", { job: "pixels", params: '{"rate": 200}', width: "300", height: "300", autostart: "" });
  await addPlot(page, "gs", { job: "gray-scott", params: '{"width": 128, "height": 128, "stepsPerFrame": 20}', width: "300", height: "300", autostart: "" });
  for (const id of ["#painter", "#gs"]) {
    await waitForState(page, id, "running");
    await waitForMoreFrames(page, id, 3);
    const before = await plotPixels(page, id);
    await waitForMoreFrames(page, id, 20);
    assert.notDeepEqual(await plotPixels(page, id), before, `${id} changes`);
  }
  await page.evaluate(() => Promise.all(["#painter", "#gs"].map((id) => document.querySelector(id).stop())));
  const painted = (await page.evaluate(() => document.querySelector("#painter").snapshot())).painted;
  assert.ok(painted > 0);
  // One step() is 1/60 s: at 200 pixels per second, 10 steps paint 33 or 34 more.
  await page.evaluate(() => document.querySelector("#painter").step(10));
  const more = (await page.evaluate(() => document.querySelector("#painter").snapshot())).painted - painted;
  assert.ok(more === 33 || more === 34, `painted ${more}`);
  const { step } = await page.evaluate(() => document.querySelector("#gs").snapshot());
  assert.ok(step > 0);
  await close();
});

test("image frames are drawn in their colours: Gray–Scott's palette, the painter's green 158", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "gs", { job: "gray-scott", params: '{"width": 64, "height": 64}', width: "240", height: "240" });
  await addPlot(page, "painter", { job: "pixels", params: '{"rate": 5000}', width: "240", height: "240" });
  await waitForState(page, "#gs", "ready");
  await waitForState(page, "#painter", "ready");
  await page.evaluate(() => document.querySelector("#painter").step(30));
  // Gray–Scott starts mostly at v = 0, the palette's dark blue (8, 12, 40).
  const background = (await countPixels(page, await plotPixels(page, "#gs"), [8, 12, 40])) / FIGURE_AREA;
  assert.ok(background > 0.4, `dark blue covers ${(background * 100).toFixed(0)}% of the figure`);
  // 30 frames at 5000 per second paint 2500 times on 900 pixels: most of the image is painted.
  const green = (await countPixels(page, await plotPixels(page, "#painter"), [null, 158, null])) / FIGURE_AREA;
  assert.ok(green > 0.4, `green 158 covers ${(green * 100).toFixed(0)}% of the figure`);
  await close();
});

/** The figures above are 240 × 240 CSS pixels, axes and toolbar included. */
const FIGURE_AREA = 240 * 240;
