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

test("every backend (canvas, webgl, svg) draws the plot and animates it", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  for (const backend of ["canvas", "webgl", "svg"]) {
    await addPlot(page, backend, { job: "wave", backend, width: "300", height: "150", autostart: "" });
    await waitForMoreFrames(page, `#${backend}`, 3);
    const before = await plotPixels(page, `#${backend}`);
    await waitForMoreFrames(page, `#${backend}`, 10);
    assert.notDeepEqual(await plotPixels(page, `#${backend}`), before, `${backend} animates`);
    // The wave's line colour (#1f77b4) is on screen.
    assert.ok((await countPixels(page, await plotPixels(page, `#${backend}`), [0x1f, 0x77, 0xb4])) > 100, `${backend} draws the line`);
  }
  await close();
});

test("glyphs stay inside the plot frame: a line beyond the y-range does not cross the title or the axes", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", "y-range": "-0.5,0.5", "plot-title": "clipped", width: "400", height: "240" });
  await waitForState(page, "#w", "ready");
  const box = await page.locator("#w .plot").boundingBox();
  // The title band (top 20 px) and the x-axis band (bottom 40 px) must hold none of the line's colour.
  /** @type {[string, {x: number, y: number, width: number, height: number}][]} */
  const bands = [
    ["title", { x: box.x, y: box.y, width: 400, height: 20 }],
    ["x axis", { x: box.x, y: box.y + 240 - 40, width: 400, height: 40 }],
  ];
  for (const [name, clip] of bands) {
    const band = await page.screenshot({ clip });
    assert.equal(await countPixels(page, band, [0x1f, 0x77, 0xb4]), 0, `no line in the ${name} band`);
  }
  const whole = await plotPixels(page, "#w");
  assert.ok((await countPixels(page, whole, [0x1f, 0x77, 0xb4])) > 100, "the line is drawn inside the frame");
  await close();
});
