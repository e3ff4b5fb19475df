// Styling, layout and accessibility: theme colours from CSS custom properties, width that follows
// the container, controls operable by keyboard, and accessible names.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPlot, browserSuite, countPixels, plotPixels, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();

/** Defines window.widestCanvas(selector): the width of the widest canvas BokehJS drew for an element, through shadow roots. */
function defineWidestCanvas() {
  window.widestCanvas = (selector) => {
    const widths = [];
    const visit = (root) => {
      for (const element of root.querySelectorAll("*")) {
        if (element instanceof HTMLCanvasElement) widths.push(element.getBoundingClientRect().width);
        if (element.shadowRoot) visit(element.shadowRoot);
      }
    };
    visit(document.querySelector(selector).shadowRoot);
    return Math.max(0, ...widths);
  };
}

test("without a width the plot fills its container, and follows it when the container resizes", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html", { viewport: { width: 1000, height: 700 }, init: defineWidestCanvas });
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<div id="box" style="width: 800px"></div>'));
  await addPlot(page, "w", { job: "wave" }, { parent: "#box" });
  await waitForState(page, "#w", "ready");
  const wide = await page.evaluate(() => window.widestCanvas("#w"));
  assert.ok(Math.abs(wide - 800) <= 2, `canvas ${wide} px in an 800 px box`);
  await page.evaluate(() => (document.querySelector("#box").style.width = "480px"));
  await page.waitForFunction(() => Math.abs(window.widestCanvas("#w") - 480) <= 2);

  await close();
});

test("the plot's colours come from the element's CSS custom properties", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", width: "300", height: "200" }, { style: { "--live-plot-plot-background": "rgb(10, 20, 30)" } });
  await waitForState(page, "#w", "ready");
  const dark = await countPixels(page, await plotPixels(page, "#w"), [10, 20, 30]);
  assert.ok(dark > 0.5 * 300 * 200, `${dark} pixels of the background colour`);
  await close();
});

test("the controls are buttons operable by keyboard; the plot and the controls have accessible names", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", "plot-title": "A travelling wave", controls: "" });
  await waitForState(page, "#w", "ready");
  assert.equal(await page.locator('#w [part~="plot"]').getAttribute("aria-label"), "A travelling wave");
  assert.equal(await page.locator('#w [part~="controls"]').getAttribute("role"), "group");
  assert.ok(await page.locator('#w [part~="controls"]').getAttribute("aria-label"));

  const focused = () => page.evaluate(() => document.querySelector("#w").shadowRoot.activeElement?.textContent.trim() ?? null);
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "Start", "Tab reaches the first control");
  await page.keyboard.press("Enter");
  await waitForState(page, "#w", "running");
  assert.equal(await focused(), "Stop", "the button keeps focus and says what it does now");
  await page.keyboard.press("Space");
  await waitForState(page, "#w", "stopped");
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "Step");
  await page.keyboard.press("Tab");
  assert.equal(await focused(), "Reset");
  await close();
});

test("repaints do not re-read CSS: getComputedStyle is not called once per frame", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html", {
    init: () => {
      window.styleReads = 0;
      const original = window.getComputedStyle;
      window.getComputedStyle = (...args) => (window.styleReads++, original(...args));
    },
  });
  await addPlot(page, "w", { job: "wave", width: "600", height: "200", autostart: "" });
  await waitForMoreFrames(page, "#w", 10);
  const before = await page.evaluate(() => [window.styleReads, document.querySelector("#w").stats.frames]);
  await waitForMoreFrames(page, "#w", 60);
  const after = await page.evaluate(() => [window.styleReads, document.querySelector("#w").stats.frames]);
  const perFrame = (after[0] - before[0]) / (after[1] - before[1]);
  // Unpatched, BokehJS reads styles dozens of times per repaint (font size per axis, CSS variables per visual).
  assert.ok(perFrame < 1, `${perFrame.toFixed(1)} style reads per frame`);
  await close();
});
