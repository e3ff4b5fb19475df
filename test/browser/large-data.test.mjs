// Data sets of millions of points: regression takes Float64Arrays through the `params` property (the
// page copies them a slice per task and transfers the copies), and what crosses to the page each
// frame follows the plot's pixels, not the data's size. The limits (10⁷ points, max-points 10⁷) are
// refused with a code.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPlot, browserSuite, firstEvent, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();

/**
 * In the page: `window.data = {x, y}`, n points of y = 2x + 1 + noise in [-0.5, 0.5) from a seeded
 * LCG (the same data every run), x on [0, 10); and `window.ols`, their least-squares line.
 */
function makeData(page, n) {
  return page.evaluate((n) => {
    const x = new Float64Array(n);
    const y = new Float64Array(n);
    let state = 12345;
    for (let i = 0; i < n; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      x[i] = (10 * i) / n;
      y[i] = 2 * x[i] + 1 + (state / 2 ** 32 - 0.5);
    }
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += x[i];
      my += y[i];
    }
    mx /= n;
    my /= n;
    let sxy = 0;
    let sxx = 0;
    for (let i = 0; i < n; i++) {
      sxy += (x[i] - mx) * (y[i] - my);
      sxx += (x[i] - mx) ** 2;
    }
    const slope = sxy / sxx;
    window.data = { x, y };
    window.ols = { slope, intercept: my - slope * mx };
  }, n);
}

/**
 * Adds `<live-plot id=…>` with `attributes`, its `params` property set (before it connects) to
 * `window.data`'s arrays plus `extra`, its events recorded in `window.events[id]` as addPlot does.
 */
function addDataPlot(page, id, attributes, extra) {
  return page.evaluate(
    ([id, attributes, extra]) => {
      const element = document.createElement("live-plot");
      element.id = id;
      for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
      element.params = { x: window.data.x, y: window.data.y, ...extra };
      const log = ((window.events ??= {})[id] = []);
      for (const type of ["live-plot-state", "live-plot-finished", "live-plot-error"]) {
        element.addEventListener(type, (event) => log.push({ type, detail: event.detail }));
      }
      document.body.append(element);
    },
    [id, attributes, extra],
  );
}

/** Records in the page the largest `stats.bytesPerFrame` of `#id` seen at any animation frame. */
function trackBytes(page, id) {
  return page.evaluate((id) => {
    window.maxBytes = 0;
    const element = document.querySelector(`#${id}`);
    const tick = () => {
      window.maxBytes = Math.max(window.maxBytes, element.stats.bytesPerFrame);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  }, id);
}

test("a million points as Float64Arrays: frames follow pixels, the caller's arrays stay intact, the fit converges to least squares", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  const n = 1_000_000;
  await makeData(page, n);
  const [width, height] = [600, 300];
  await addDataPlot(page, "fit", { job: "regression", width: String(width), height: String(height), autostart: "" }, { iterationsPerFrame: 50, tolerance: 1e-9 });
  await trackBytes(page, "fit");
  await waitForState(page, "#fit", "running");
  await waitForMoreFrames(page, "#fit", 5);

  const outcome = await firstEvent(page, "fit", "live-plot-finished", "live-plot-error");
  assert.equal(outcome.type, "live-plot-finished", JSON.stringify(outcome.detail));
  const { snapshot } = outcome.detail;
  assert.equal(snapshot.converged, true);
  const ols = await page.evaluate(() => window.ols);
  for (const name of ["slope", "intercept"]) {
    const error = Math.abs(snapshot[name] - ols[name]) / Math.abs(ols[name]);
    assert.ok(error <= 1e-6, `${name} ${snapshot[name]} vs least squares ${ols[name]} (relative ${error})`);
  }

  // The data alone is 16 MB. A frame carries a bounded number of values per device pixel of the plot
  // (its two panels, each at most width × height): scatter points deduplicated to pixels, lines
  // reduced to pixel columns, rasters of 4-byte pixels. 16 bytes per device pixel of the whole
  // element's area (4 × 4 × width × height × dpr²: 2.9 MB at dpr 1) bounds all of them.
  const dpr = await page.evaluate(() => devicePixelRatio);
  const maxBytes = await page.evaluate(() => window.maxBytes);
  const bound = 4 * 4 * width * height * dpr * dpr;
  assert.ok(maxBytes > 0 && maxBytes < bound, `at most ${maxBytes} bytes per frame, bound ${bound}`);

  // The page sent copies: the caller's arrays are whole (not detached by the transfer) and unchanged.
  const intact = await page.evaluate(() => {
    const { x, y } = window.data;
    const at = [0, 1, 499_999, 999_999];
    return { lengths: [x.length, y.length], x: at.map((i) => x[i]), y: at.map((i) => y[i] - 2 * x[i] - 1) };
  });
  assert.deepEqual(intact.lengths, [n, n]);
  assert.deepEqual(intact.x, [0, 10 / n, (10 * 499_999) / n, (10 * 999_999) / n]);
  for (const noise of intact.y) assert.ok(noise >= -0.5 - 1e-12 && noise < 0.5 + 1e-12, `y still holds the line plus noise: ${noise}`);
  await close();
});

test("more than 10⁷ points is refused with invalid-params naming the limit", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await page.evaluate(() => {
    const n = 10_000_001;
    const x = new Float64Array(n);
    for (let i = 0; i < n; i++) x[i] = i;
    window.data = { x, y: new Float64Array(n) };
  });
  await addDataPlot(page, "big", { job: "regression", autostart: "" }, {});
  const { type, detail } = await firstEvent(page, "big", "live-plot-error", "live-plot-finished");
  assert.equal(type, "live-plot-error");
  assert.equal(detail.code, "invalid-params");
  assert.match(detail.message, /10000000/);
  await waitForState(page, "#big", "error");
  await page.evaluate(() => delete window.data);
  await close();
});

test("a live learningRate change with Float64Array data applies in place: no restart, no error", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await makeData(page, 100_000);
  // A learning rate so small that the line hardly moves: iterations pile up without converging.
  await addDataPlot(page, "fit", { job: "regression", autostart: "" }, { learningRate: 1e-6, iterationsPerFrame: 10 });
  await waitForState(page, "#fit", "running");
  const before = await page.evaluate(async () => {
    const element = document.querySelector("#fit");
    // Polled every animation frame. (Not with page.waitForFunction: it does not await an async
    // predicate, whose promise passes at once.)
    let iteration = 0;
    while ((iteration = Number((await element.snapshot()).iteration)) < 100) await new Promise(requestAnimationFrame);
    window.events.fit.length = 0;
    // The same arrays (the page copies them again) with only the learning rate changed: standardized,
    // 0.5 halves the gradient each iteration and converges in about 30.
    element.params = { x: window.data.x, y: window.data.y, learningRate: 0.5, iterationsPerFrame: 10 };
    return iteration;
  });
  const outcome = await firstEvent(page, "fit", "live-plot-finished", "live-plot-error");
  assert.equal(outcome.type, "live-plot-finished", JSON.stringify(outcome.detail));
  const { snapshot } = outcome.detail;
  assert.equal(snapshot.converged, true);
  // Applied live, the count goes on from where it was; a restart (data judged changed) would
  // converge from iteration 0 in about 30 iterations, below the 100 already done.
  assert.ok(snapshot.iteration > before, `finished at iteration ${snapshot.iteration}, had done ${before} before the change`);
  const states = await page.evaluate(() => window.events.fit.filter((e) => e.type === "live-plot-state").map((e) => e.detail.state));
  assert.deepEqual(states, ["finished"], "it ran on (no reload) until it finished");
  const ols = await page.evaluate(() => window.ols);
  assert.ok(Math.abs(snapshot.slope - ols.slope) / ols.slope <= 1e-6, `slope ${snapshot.slope} vs ${ols.slope}`);
  await close();
});

test("lorenz with max-points 10⁷ runs and sends pixels, not points; 10⁷ + 1 is an invalid attribute", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  const [width, height] = [600, 300];
  await addPlot(page, "l", { job: "lorenz", "max-points": "10000000", params: '{"speed": 1000}', width: String(width), height: String(height), autostart: "" });
  await trackBytes(page, "l");
  await waitForState(page, "#l", "running");
  await waitForMoreFrames(page, "#l", 30);
  const { steps } = await page.evaluate(() => document.querySelector("#l").snapshot());
  assert.ok(steps > 0);
  // At speed 1000 the ring fills with 200 000 samples (sampleDt 0.005) per second; a frame still
  // carries at most a raster of the plot's device pixels (4 bytes each) plus a line reduced to its
  // pixel columns: 16 bytes per device pixel (2.9 MB at dpr 1) bounds it, against 160 MB of points.
  const dpr = await page.evaluate(() => devicePixelRatio);
  const maxBytes = await page.evaluate(() => window.maxBytes);
  const bound = 4 * 4 * width * height * dpr * dpr;
  assert.ok(maxBytes > 0 && maxBytes < bound, `at most ${maxBytes} bytes per frame, bound ${bound}`);
  assert.equal(await page.evaluate(() => document.querySelector("#l").state), "running");

  await addPlot(page, "over", { job: "lorenz", "max-points": "10000001" });
  const { detail } = await firstEvent(page, "over", "live-plot-error");
  assert.equal(detail.code, "invalid-attribute");
  assert.match(detail.message, /max-points.*10000000/);
  await waitForState(page, "#over", "error");
  await close();
});

test("pixels at 4096×4096 sends at most the plot's pixels per frame", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "p", { job: "pixels", params: { width: 4096, height: 4096, rate: 100_000 }, width: "400", height: "300", autostart: "" });
  await waitForState(page, "#p", "running");
  await waitForMoreFrames(page, "#p", 3);
  const { bytes, ratio } = await page.evaluate(() => ({ bytes: document.querySelector("#p").stats.bytesPerFrame, ratio: devicePixelRatio }));
  // 4 bytes per pixel of the element's area in device pixels, against 64 MB for the whole image.
  assert.ok(bytes > 0 && bytes <= 4 * 400 * 300 * ratio * ratio, `${bytes} bytes per frame`);
  await close();
});
