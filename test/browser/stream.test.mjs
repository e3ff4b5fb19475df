// The stream job: the page's own rows pushed into a plot, kept in the worker's window and drawn
// like any series; pushes checked for their shape, with nothing lost to a bad one.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPlot, animationFrames, browserSuite, colourExtents, firstEvent, plotPixels, waitForSnapshot, waitForState } from "./harness.mjs";

const suite = browserSuite();
const BLUE = [0x1f, 0x77, 0xb4];
const ORANGE = [0xff, 0x7f, 0x0e];

test("10⁶ rows pushed in chunks at 100 Hz: every row counted, the window kept, frames flowing all along", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "s", { job: "stream", params: { series: ["a", "b"], window: 200000 } });
  await waitForState(page, "#s", "ready");
  const during = await page.evaluate(async () => {
    const element = document.querySelector("#s");
    const framesBefore = element.stats.frames;
    const rows = 10_000;
    for (let push = 0; push < 100; push++) {
      const a = new Float64Array(rows);
      const b = new Float64Array(rows);
      for (let i = 0; i < rows; i++) {
        const n = push * rows + i;
        a[i] = Math.sin(n / 5000);
        b[i] = 0.5 * Math.cos(n / 5000);
      }
      element.push({ a, b });
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return element.stats.frames - framesBefore;
  });
  assert.ok(during >= 10, `${during} frames drawn while pushing`);
  await waitForSnapshot(page, "#s", (snapshot) => snapshot.appended === 1_000_000);
  const snapshot = await page.evaluate(() => document.querySelector("#s").snapshot());
  assert.deepEqual(snapshot, { appended: 1_000_000, kept: 200_000 });
  // The frame with the last rows is on its way: a few display frames show it.
  await animationFrames(page, 5);
  const png = await plotPixels(page, "#s");
  const blue = await colourExtents(page, png, BLUE);
  const orange = await colourExtents(page, png, ORANGE);
  const columns = (extents) => extents.top.filter((top) => top >= 0).length;
  assert.ok(columns(blue) > 0.8 * blue.width, `series a across the plot: ${columns(blue)} of ${blue.width} columns`);
  assert.ok(columns(orange) > 0.8 * orange.width, `series b across the plot: ${columns(orange)} of ${orange.width} columns`);
  await close();
});

test("a bad push throws invalid-data saying what is wrong, takes nothing, and the plot goes on", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "s", { job: "stream", params: { series: ["a", "b"] } });
  await waitForState(page, "#s", "ready");
  const errors = await page.evaluate(async () => {
    const element = document.querySelector("#s");
    element.push({ a: [1, 2, 3], b: [4, 5, 6] });
    const attempts = [
      [1, 2, 3],
      { a: [1, 2] },
      { a: [1, 2], b: [1] },
      { a: [1, 2], b: [1, 2], c: [3, 4] },
      { a: [1, 2], b: [1, "2"] },
      { a: [1, 2], b: [1, 2], x: [0, 1] },
      { a: "12", b: [1, 2] },
    ];
    const messages = attempts.map((columns) => {
      try {
        // Wrong on purpose: each breaks the documented shape in its own way.
        element.push(/** @type {any} */ (columns));
        return "no error";
      } catch (error) {
        return `${error.code}: ${error.message}`;
      }
    });
    element.push({ a: new Float32Array([7]), b: [8] });
    return messages;
  });
  assert.match(errors[0], /^invalid-data: push: give an object of columns, \{a: \[\.\.\.\], b: \[\.\.\.\]\}/);
  assert.match(errors[1], /column "b" is missing/);
  assert.match(errors[2], /one length: "a" has 2, "b" has 1/);
  assert.match(errors[3], /unknown column "c": the columns are a, b/);
  assert.match(errors[4], /b\[1\] is "2", not a number/);
  assert.match(errors[5], /x is the row index here/);
  assert.match(errors[6], /column "a" must be an array or typed array of numbers/);
  await waitForSnapshot(page, "#s", (snapshot) => snapshot.appended === 4);
  assert.equal(await page.evaluate(() => document.querySelector("#s").state), "ready");
  await close();
});

test("a job that takes no data refuses push; so does a plot not ready yet", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  const early = await page.evaluate(() => {
    const element = document.createElement("live-plot");
    element.id = "w";
    element.setAttribute("job", "wave");
    document.body.append(element);
    try {
      element.push({ y: [1] });
    } catch (error) {
      return `${error.code}: ${error.message}`;
    }
  });
  assert.match(early, /^invalid-data: push: the plot is loading; push once it is ready/);
  await waitForState(page, "#w", "ready");
  const refused = await page.evaluate(() => {
    try {
      document.querySelector("#w").push({ y: [1] });
    } catch (error) {
      return `${error.code}: ${error.message}`;
    }
  });
  assert.match(refused, /^invalid-data: push: this job takes no pushed data/);
  await close();
});

test("the legend names each series in its colour; a click, Enter or Space hides it and shows it again", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "s", { job: "stream", params: { series: ["a", "b"] } });
  await waitForState(page, "#s", "ready");
  await page.evaluate(() => {
    const rows = 2000;
    const a = Float64Array.from({ length: rows }, (_, i) => Math.sin(i / 100));
    const b = Float64Array.from({ length: rows }, (_, i) => 0.5 * Math.cos(i / 100));
    document.querySelector("#s").push({ a, b });
  });
  await waitForSnapshot(page, "#s", (snapshot) => snapshot.appended === 2000);
  await animationFrames(page, 5);
  const legend = page.locator('#s >> [part~="legend-item"]');
  assert.deepEqual(await legend.allTextContents().then((texts) => texts.map((text) => text.trim())), ["a", "b"]);
  const inked = async () => {
    await animationFrames(page, 3);
    const png = await plotPixels(page, "#s");
    const count = async (rgb) => (await colourExtents(page, png, rgb)).top.filter((top) => top >= 0).length;
    return [await count(BLUE), await count(ORANGE)];
  };
  const [blue, orange] = await inked();
  assert.ok(blue > 200 && orange > 200, `both drawn: ${blue}, ${orange} columns`);
  await legend.nth(0).click();
  assert.equal(await legend.nth(0).getAttribute("aria-pressed"), "false");
  const hidden = await inked();
  assert.equal(hidden[0], 0, "a is hidden");
  assert.ok(hidden[1] > 200, "b still drawn");
  await legend.nth(0).press("Enter");
  assert.equal(await legend.nth(0).getAttribute("aria-pressed"), "true");
  assert.ok((await inked())[0] > 200, "Enter shows a again");
  await legend.nth(1).press(" ");
  assert.equal((await inked())[1], 0, "Space hides b");
  await close();
});

test("exportData() gives the rows the worker holds at full resolution; exportCsv() is the same, and reads back", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "s", { job: "stream", params: { series: ["a", "b"], window: 1000, x: "value" } });
  await waitForState(page, "#s", "ready");
  const result = await page.evaluate(async () => {
    const element = document.querySelector("#s");
    const rows = 1500;
    const x = Float64Array.from({ length: rows }, (_, i) => i / 7);
    const a = Float64Array.from({ length: rows }, (_, i) => Math.sin(i) * 1e-3);
    const b = Float64Array.from({ length: rows }, (_, i) => i % 3 === 0 ? NaN : Math.exp(i / 300));
    element.push({ x: x.slice(0, 700), a: a.slice(0, 700), b: b.slice(0, 700) });
    element.push({ x: x.slice(700), a: a.slice(700), b: b.slice(700) });
    const data = await element.exportData();
    const csv = await element.exportCsv();
    const kept = (column) => Array.from(column.subarray(rows - 1000));
    const lines = csv.trimEnd().split("\n");
    const parsed = lines.slice(1).map((line) => line.split(",").map(Number));
    return {
      matches: [data.a.x, data.a.y, data.b.x, data.b.y].map((column, k) => JSON.stringify(Array.from(column)) === JSON.stringify(kept([x, a, x, b][k]))),
      header: lines[0],
      rows: parsed.length,
      csvMatches: [0, 1, 2].map((k) => parsed.every((row, i) => Object.is(row[k], [x, a, b][k][rows - 1000 + i]))),
    };
  });
  assert.deepEqual(result.matches, [true, true, true, true], "each column as pushed, the newest 1000 rows");
  assert.equal(result.header, "x,a,b");
  assert.equal(result.rows, 1000);
  assert.deepEqual(result.csvMatches, [true, true, true], "every value reads back as the same double (NaN as NaN)");
  await close();
});

test("toBlob() is one PNG of the whole plot, both panels, at the plot's size; the toolbar's Save saves it without asking", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  const seed = { x: [1, 2, 3, 4, 5, 6, 7, 8, 9], y: [2, 4, 5, 4, 5, 7, 8, 9, 10] };
  await addPlot(page, "r", { job: "regression", params: seed, autostart: "", tools: "" });
  await waitForSnapshot(page, "#r", (snapshot) => snapshot.iteration > 30);
  const png = await page.evaluate(async () => {
    const blob = await document.querySelector("#r").toBlob();
    const bitmap = await createImageBitmap(blob);
    const plot = document.querySelector("#r").shadowRoot.querySelector(".plot").getBoundingClientRect();
    const bytes = new Uint8Array(await blob.arrayBuffer());
    return { type: blob.type, width: bitmap.width, height: bitmap.height, expected: [Math.round(plot.width * devicePixelRatio), Math.round(plot.height * devicePixelRatio)], base64: btoa(String.fromCharCode(...bytes)) };
  });
  assert.equal(png.type, "image/png");
  assert.deepEqual([png.width, png.height], png.expected, "the plot's size in device pixels");
  const lower = await colourExtents(page, Buffer.from(png.base64, "base64"), [0x2c, 0xa0, 0x2c]);
  const rows = lower.rows.map((count, y) => (count > 0 ? y : -1)).filter((y) => y >= 0);
  assert.ok(rows.length > 0 && rows[0] > png.height * 0.6, `the loss line (green) is in the lower panel: rows ${rows[0]}…${rows.at(-1)} of ${png.height}`);
  let asked = false;
  page.on("dialog", async (dialog) => {
    asked = true;
    await dialog.dismiss();
  });
  const download = page.waitForEvent("download");
  await page.locator("#r").locator(".bk-tool-icon-save").first().click();
  const saved = await download;
  assert.equal(saved.suggestedFilename(), "live-plot.png");
  assert.equal(asked, false, "no prompt");
  await close();
});

/** Adds two linked stream plots, `s` and `t`, with the same rows but b negated in `t`; answers the rows. */
async function linkedPair(page, attributes = {}) {
  for (const id of ["s", "t"]) await addPlot(page, id, { job: "stream", link: "pair", height: "250", params: { series: ["a", "b"], x: "value" }, ...attributes });
  await waitForState(page, "#s", "ready");
  await waitForState(page, "#t", "ready");
  await page.evaluate(() => {
    for (const [id, sign] of /** @type {[string, number][]} */ ([["s", 1], ["t", -1]])) {
      const n = 4000;
      const x = Float64Array.from({ length: n }, (_, i) => i * 0.25);
      const a = Float64Array.from({ length: n }, (_, i) => Math.round(100 * Math.sin(i / 200)) / 100);
      const b = Float64Array.from({ length: n }, (_, i) => sign * i);
      document.querySelector(`#${id}`).push({ x, a, b });
    }
  });
  for (const id of ["#s", "#t"]) await waitForSnapshot(page, id, (snapshot) => snapshot.appended === 4000);
  await animationFrames(page, 5);
}

/** The readout's text in element `id`, once it shows one with `what` in it. */
async function readoutText(page, id, what) {
  const handle = await page.waitForFunction(
    ([id, what]) => {
      const text = document.querySelector(`#${id}`).shadowRoot.querySelector('[part~="readout"]')?.textContent.replace(/\s+/g, " ").trim();
      return text?.includes(what) ? text : undefined;
    },
    [id, what],
  );
  return handle.jsonValue();
}

test("the hover readout shows each series' value at the pointer from the full data, and the linked plot shows the same x", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await linkedPair(page);
  const box = await page.locator("#s .plot").boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.4);
  const text = await readoutText(page, "s", "b:");
  const [, x] = /^x: (\S+)/.exec(text);
  // The nearest row to the pointer's x, on the grid of 0.25, with its exact values.
  const i = Math.round(Number(x) / 0.25);
  const a = Math.round(100 * Math.sin(i / 200)) / 100;
  assert.match(text, new RegExp(`a: ${String(a).replace(".", "\\.")} at ${i * 0.25}(?![\\d.])`), text);
  assert.match(text, new RegExp(`b: ${i} at ${i * 0.25}(?![\\d.])`), text);
  const linked = await readoutText(page, "t", `b: -${i}`);
  assert.match(linked, new RegExp(`^x: ${x.replace(".", "\\.")} `), "the same x in the linked plot");
  const below = await page.locator("#t").boundingBox();
  await page.mouse.move(below.x + 10, below.y + below.height + 20);
  await page.waitForFunction(() => ["s", "t"].every((id) => !document.querySelector(`#${id}`).shadowRoot.querySelector('[part~="readout"]')));
  await close();
});

test("linked plots share a zoom: the wheel over one sets the other's x range; a double-click returns both to following", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await linkedPair(page, { tools: "" });
  const box = await page.locator("#s .plot").boundingBox();
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -200);
  const zoomed = await page.waitForFunction(() => {
    const [s, t] = ["#s", "#t"].map((id) => document.querySelector(id).view);
    return s.x[1] - s.x[0] < 900 && t.x[0] === s.x[0] && t.x[1] === s.x[1] ? [s.x, t.x, t.y] : undefined;
  });
  const [sx, tx, ty] = await zoomed.jsonValue();
  assert.deepEqual(tx, sx, "t shows s's x range");
  assert.ok(ty[0] < -3000 && ty[1] > -1000, `t keeps its own y: ${ty}`);
  await page.mouse.dblclick(box.x + box.width * 0.5, box.y + box.height * 0.5);
  await page.waitForFunction(() => ["#s", "#t"].every((id) => { const { x } = document.querySelector(id).view; return x[0] <= 0 && x[1] >= 999; }));
  await close();
});

/** A stream plot fed from the test server's /feed WebSocket with `query`, started at once. */
async function fedPlot(page, id, query, params = {}) {
  const url = await page.evaluate((query) => `ws://${location.host}/feed?${query}`, query);
  await addPlot(page, id, { job: "stream", autostart: "", params: { series: ["a", "b"], x: "value", url, ...params } });
}

/** Every row the plot holds: [x, a, b], checked against the feed's exact pattern (a = x, b = 2x). */
async function heldRows(page, id) {
  return page.evaluate(async (id) => {
    const data = await document.querySelector(`#${id}`).exportData();
    return Array.from(data.a.x, (x, i) => [x, data.a.y[i], data.b.y[i], data.b.x[i]]);
  }, id);
}

test("a WebSocket feed read in the worker: JSON rows drawn and held exactly; a dropped connection comes back", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await fedPlot(page, "f", "x=value&pattern=count&rate=2000&close-after=400");
  await waitForSnapshot(page, "#f", (snapshot) => snapshot.reconnects >= 1 && snapshot.connection === "open" && snapshot.appended > 1000);
  const rows = await heldRows(page, "f");
  assert.ok(rows.length > 1000);
  assert.ok(rows.every(([x, a, b, bx]) => a === x && b === 2 * x && bx === x), "every row as the server sent it");
  assert.ok(rows.some(([x], i) => i > 0 && x < rows[i - 1][0]), "the count starts over on the new connection");
  const { rejected } = await page.evaluate(() => document.querySelector("#f").snapshot());
  assert.equal(rejected, 0);
  await page.waitForFunction(() => document.querySelector("#f").stats.connection === "open");
  await close();
});

test("a WebSocket feed of binary Float64 rows", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await fedPlot(page, "f", "x=value&pattern=count&rate=2000&format=binary&rows=600");
  await waitForSnapshot(page, "#f", (snapshot) => snapshot.appended === 600);
  const rows = await heldRows(page, "f");
  assert.deepEqual(rows.map(([x]) => x), Array.from({ length: 600 }, (_, k) => k));
  assert.ok(rows.every(([x, a, b]) => a === x && b === 2 * x));
  await close();
});

test("a feed from another origin is refused unless allowed, like a module", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "f", { job: "stream", params: { series: ["a"], url: "wss://feeds.example.org/live" } });
  const error = await firstEvent(page, "f", "live-plot-error");
  assert.equal(error.detail.code, "invalid-module");
  assert.match(error.detail.message, /stream: url wss:\/\/feeds\.example\.org\/live is from another origin \(https:\/\/feeds\.example\.org\); to allow it, set LivePlot\.allowedOrigins/);
  await close();
});

test("stack: a panel per series on one x; a wheel zoom over the lower panel moves both panels' x and the element's view", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "k", { job: "stream", height: "300", tools: "", params: { series: ["a", "b"], x: "value", stack: true } });
  await waitForState(page, "#k", "ready");
  // The same bump at x = 600 in both series: drawn in the same pixel column by panels that share x.
  await page.evaluate(() => {
    const x = Float64Array.from({ length: 1001 }, (_, i) => i);
    const bump = () => Float64Array.from(x, (v) => Math.exp(-(((v - 600) / 15) ** 2)));
    document.querySelector("#k").push({ x, a: bump(), b: bump() });
  });
  await waitForSnapshot(page, "#k", (snapshot) => snapshot.appended === 1001);
  await animationFrames(page, 5);
  /** The pixel column of each series' peak, and the lowest row of blue ink above the highest of orange. */
  const peaks = async () => {
    const picture = await plotPixels(page, "#k");
    const [blue, orange] = [await colourExtents(page, picture, BLUE), await colourExtents(page, picture, ORANGE)];
    const peak = (extents) => extents.top.reduce((best, y, x) => (y >= 0 && (best < 0 || y < extents.top[best]) ? x : best), -1);
    const lowestBlue = Math.max(...blue.bottom);
    const highestOrange = Math.min(...orange.top.filter((y) => y >= 0));
    return { a: peak(blue), b: peak(orange), stacked: lowestBlue < highestOrange };
  };
  const before = await peaks();
  assert.ok(before.stacked, "a in the upper panel, b in the lower");
  assert.ok(Math.abs(before.a - before.b) <= 1, `both peaks in one column: ${before.a} and ${before.b}`);
  const viewBefore = await page.evaluate(() => document.querySelector("#k").view.x);
  // Zoom in over the lower panel, left of the bump: the bump moves right, in both panels.
  const lower = await page.locator("#k .plot").boundingBox();
  await page.mouse.move(lower.x + lower.width * 0.3, lower.y + lower.height * 0.85);
  for (let i = 0; i < 2; i++) await page.mouse.wheel(0, -200);
  const zoomed = await page.waitForFunction((before) => {
    const { x } = document.querySelector("#k").view;
    return x[1] - x[0] < 0.9 * (before[1] - before[0]) ? x : undefined;
  }, viewBefore);
  const viewAfter = await zoomed.jsonValue();
  await animationFrames(page, 5);
  const after = await peaks();
  assert.ok(after.a > before.a + 20, `the bump moved right in the upper panel: column ${before.a} → ${after.a} (view ${viewBefore} → ${viewAfter})`);
  assert.ok(Math.abs(after.a - after.b) <= 1, `and in the lower panel with it: ${after.a} and ${after.b}`);
  await close();
});

test("stack: the element's x-label names the x of every panel on it, when set and when changed", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  // Without an x-label the stream names its x "row", in both panels; "" shows none.
  await addPlot(page, "k", { job: "stream", width: "400", height: "300", "x-label": "", params: { series: ["a", "b"], stack: true } });
  await waitForState(page, "#k", "ready");
  await page.evaluate(() => document.querySelector("#k").push({ a: [0, 1, 0], b: [1, 0, 1] }));
  await waitForSnapshot(page, "#k", (snapshot) => snapshot.appended === 3);
  await animationFrames(page, 3);
  /** Pixels of text colour in the lower panel (the element's height and more, below the main panel's 300). */
  const lowerInk = async () => {
    const { rows } = await colourExtents(page, await plotPixels(page, "#k"), [0x44, 0x44, 0x44], 100);
    return rows.slice(300).reduce((a, b) => a + b, 0);
  };
  const unlabelled = await lowerInk();
  await page.evaluate(() => (document.querySelector("#k").xLabel = "seconds since the sensor started"));
  await animationFrames(page, 3);
  const labelled = await lowerInk();
  assert.ok(labelled > unlabelled + 200, `the lower panel draws the label: ${unlabelled} → ${labelled} pixels of text colour`);
  await close();
});
