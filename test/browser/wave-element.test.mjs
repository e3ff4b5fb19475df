// <live-plot job="wave"> in real Chromium with the built bundle: animation, controls, methods,
// events, teardown and bad input.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPlot as addPlotTo, animationFrames, browserSuite, plotPixels, waitForMoreFrames, waitForSnapshot, waitForState } from "./harness.mjs";

const suite = browserSuite();

/** Adds a plot and waits for the state it settles in. */
async function addPlot(page, id, attributes, settle = "ready") {
  await addPlotTo(page, id, attributes);
  await waitForState(page, `#${id}`, settle);
}

const snapshot = (page, selector) => page.evaluate((s) => document.querySelector(s).snapshot(), selector);

test("the wave animates, stop() freezes it, start() resumes it", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", autostart: "" }, "running");
  await waitForMoreFrames(page, "#w", 5);
  const a = await plotPixels(page, "#w");
  await waitForMoreFrames(page, "#w", 10);
  const b = await plotPixels(page, "#w");
  assert.notDeepEqual(a, b, "the picture changes while running");

  await page.evaluate(() => document.querySelector("#w").stop());
  assert.equal(await page.evaluate(() => document.querySelector("#w").state), "stopped");
  const frozen = await plotPixels(page, "#w");
  const t = (await snapshot(page, "#w")).t;
  await animationFrames(page, 20);
  assert.deepEqual(await plotPixels(page, "#w"), frozen, "nothing moves after stop()");
  assert.equal((await snapshot(page, "#w")).t, t, "simulated time stands still after stop()");

  await page.evaluate(() => document.querySelector("#w").start());
  assert.equal(await page.evaluate(() => document.querySelector("#w").state), "running");
  await waitForMoreFrames(page, "#w", 10);
  assert.notDeepEqual(await plotPixels(page, "#w"), frozen, "start() resumes");
  assert.ok((await snapshot(page, "#w")).t > t);
  await close();
});

test("the Stop/Start button and Step/Reset buttons work like the methods", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", autostart: "", controls: "" }, "running");
  const button = (name) => page.locator(`#w [part~="${name}"]`);
  assert.equal(await button("controls").locator("button").count(), 3, "three real buttons");
  assert.equal((await button("start-stop").textContent()).trim(), "Stop");

  await button("start-stop").click();
  await waitForState(page, "#w", "stopped");
  assert.equal((await button("start-stop").textContent()).trim(), "Start");
  const frozen = await plotPixels(page, "#w");
  await animationFrames(page, 20);
  assert.deepEqual(await plotPixels(page, "#w"), frozen, "the Stop button stops it");

  const before = await snapshot(page, "#w");
  await button("step").click();
  await waitForSnapshot(page, "#w", (snapshot, t) => snapshot.t > t, before.t);

  await button("reset").click();
  await waitForSnapshot(page, "#w", (snapshot) => snapshot.t === 0);

  await button("start-stop").click();
  await waitForState(page, "#w", "running");
  // Started again, it animates on: frames keep coming (credits and buffers keep going round).
  const restarted = await plotPixels(page, "#w");
  await waitForMoreFrames(page, "#w", 30);
  assert.notDeepEqual(await plotPixels(page, "#w"), restarted, "the Start button resumes the animation");
  await close();
});

test("step() advances exactly one frame of simulated time and draws it; step(n) n frames", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", params: '{"speed": 3}' });
  const start = await snapshot(page, "#w");
  assert.deepEqual(start, { t: 0, frames: 1 }, "ready shows the initial state");
  const before = await plotPixels(page, "#w");

  await page.evaluate(() => document.querySelector("#w").step());
  assert.equal(await page.evaluate(() => document.querySelector("#w").state), "stopped");
  const one = await snapshot(page, "#w");
  assert.ok(Math.abs(one.t - 1 / 60) < 1e-12, `t after one step: ${one.t}`);
  assert.equal(one.frames, 2, "one more frame written");
  assert.notDeepEqual(await plotPixels(page, "#w"), before, "the step is drawn when step() settles");

  await page.evaluate(() => document.querySelector("#w").step(30));
  const more = await snapshot(page, "#w");
  assert.ok(Math.abs(more.t - 31 / 60) < 1e-12, `t after 31 steps: ${more.t}`);
  assert.equal(more.frames, 3, "step(30) draws one frame");
  await close();
});

test("reset() returns to t = 0 and the initial picture, and keeps running if it was", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave" });
  const initial = await plotPixels(page, "#w");
  await page.evaluate(() => document.querySelector("#w").start());
  await waitForMoreFrames(page, "#w", 10);
  await page.evaluate(() => document.querySelector("#w").stop());
  assert.ok((await snapshot(page, "#w")).t > 0);

  await page.evaluate(() => document.querySelector("#w").reset());
  assert.equal(await page.evaluate(() => document.querySelector("#w").state), "ready");
  assert.equal((await snapshot(page, "#w")).t, 0);
  assert.deepEqual(await plotPixels(page, "#w"), initial, "the initial picture again");

  await page.evaluate(() => document.querySelector("#w").start());
  await waitForMoreFrames(page, "#w", 5);
  await page.evaluate(() => document.querySelector("#w").reset());
  assert.equal(await page.evaluate(() => document.querySelector("#w").state), "running", "reset while running keeps running");
  await close();
});

test("events: ready, state changes, throttled stats; attributes reflect the state", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await page.evaluate(() => {
    window.seen = [];
    for (const type of ["live-plot-ready", "live-plot-state", "live-plot-stats", "live-plot-error"]) {
      // Listening on document proves the events bubble out of the element.
      document.addEventListener(type, (event) => window.seen.push({ type, detail: event.detail, composed: event.composed, at: performance.now() }));
    }
  });
  await addPlot(page, "w", { job: "wave", autostart: "", stats: "" }, "running");
  await page.waitForFunction(() => window.seen.filter((e) => e.type === "live-plot-stats").length >= 3);
  const seen = await page.evaluate(() => window.seen);
  const states = seen.filter((e) => e.type === "live-plot-state").map((e) => e.detail.state);
  assert.deepEqual(states.slice(-2), ["ready", "running"]);
  assert.equal(seen.filter((e) => e.type === "live-plot-ready").length, 1);
  assert.ok(seen.every((e) => e.composed), "events are composed");
  const stats = seen.filter((e) => e.type === "live-plot-stats");
  for (let i = 1; i < stats.length; i++) assert.ok(stats[i].at - stats[i - 1].at >= 490, "at most two stats events per second");
  const last = stats.at(-1).detail;
  assert.ok(last.fps > 0 && last.simRate > 0 && last.bytesPerFrame === 200 * 2 * 8, JSON.stringify(last));
  assert.equal(seen.filter((e) => e.type === "live-plot-error").length, 0);
  assert.equal(await page.locator("#w").getAttribute("state"), "running");
  assert.match(await page.locator('#w [part~="stats"]').textContent(), /fps · dropped \d+ · \d+ steps\/s/);
  await close();
});

for (const cores of [1, 2, 8]) {
  test(`removing an element frees its job, its BokehJS document, and its worker once no plot uses it (${cores} cores)`, async () => {
    const { page, close } = await suite.open("/test/pages/blank.html", { cores });
    const resources = () => page.evaluate(() => customElements.get("live-plot").resources());
    // Plots share hardwareConcurrency − 1 workers (one at least, four at most): two plots, two
    // workers only where there are three cores or more.
    const workers = Math.min(2, Math.max(1, Math.min(4, cores - 1)));
    const started = [];
    page.on("worker", (worker) => started.push(new Promise((resolve) => worker.on("close", resolve))));
    await addPlot(page, "a", { job: "wave", autostart: "" }, "running");
    await addPlot(page, "b", { job: "wave", autostart: "" }, "running");
    assert.deepEqual(await resources(), { workers, documents: 2 });
    assert.equal(started.length, workers, "as many workers as the page counts");

    await page.evaluate(() => document.querySelector("#a").remove());
    await waitForMoreFrames(page, "#b", 5);
    assert.deepEqual(await resources(), { workers: 1, documents: 1 }, "the neighbour still holds its worker");

    await page.evaluate(() => document.querySelector("#b").remove());
    await Promise.all(started);
    assert.deepEqual(await resources(), { workers: 0, documents: 0 });
    await close();
  });
}

test("bad input: unknown job and non-object params put only that element in error", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await page.evaluate(() => {
    window.errors = [];
    document.addEventListener("live-plot-error", (event) => window.errors.push({ id: /** @type {Element} */ (event.target).id, ...event.detail }));
  });
  await addPlot(page, "good", { job: "wave", autostart: "" }, "running");
  await addPlot(page, "nojob", { job: "wobble" }, "error");
  await addPlot(page, "badjson", { job: "wave", params: "{points: 3" }, "error");
  await addPlot(page, "array", { job: "wave", params: "[1, 2]" }, "error");
  await addPlot(page, "range", { job: "wave", params: '{"points": 1}' }, "error");
  await addPlot(page, "typo", { job: "wave", params: '{"frequncy": 3}' }, "error");
  await addPlot(page, "attr", { job: "wave", "y-range": "5,1" }, "error");

  const errors = await page.evaluate(() => window.errors);
  const codes = Object.fromEntries(errors.map((e) => [e.id, e.code]));
  assert.deepEqual(codes, {
    nojob: "unknown-job",
    badjson: "invalid-params",
    array: "invalid-params",
    range: "invalid-params",
    typo: "invalid-params",
    attr: "invalid-attribute",
  });
  for (const { id, message } of errors) {
    assert.equal((await page.locator(`#${id} [part~="error"]`).textContent()).trim(), message, "the message is shown in the element");
  }
  assert.match(errors.find((e) => e.id === "nojob").message, /wobble.*wave/);
  assert.match(errors.find((e) => e.id === "typo").message, /frequncy/);
  const rejected = await page.evaluate(() => document.querySelector("#nojob").ready.then(() => "resolved", (e) => e.code));
  assert.equal(rejected, "unknown-job", "ready rejects with the code");

  await waitForMoreFrames(page, "#good", 10);
  assert.equal(await page.evaluate(() => document.querySelector("#good").state), "running", "the neighbour keeps running");

  // Fixing the attribute brings the element back.
  await page.evaluate(() => document.querySelector("#nojob").setAttribute("job", "wave"));
  await waitForState(page, "#nojob", "ready");
  assert.equal(await page.locator('#nojob [part~="error"]').count(), 0);
  await close();
});

test("params change live while running; a change of size restarts with the new scene", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", autostart: "", params: '{"frequency": 1}' }, "running");
  await waitForMoreFrames(page, "#w", 3);
  const t = (await snapshot(page, "#w")).t;
  await page.evaluate(() => (document.querySelector("#w").params = { frequency: 4 }));
  await waitForMoreFrames(page, "#w", 3);
  assert.ok((await snapshot(page, "#w")).t > t, "a live change does not restart the clock");
  assert.deepEqual(await page.evaluate(() => document.querySelector("#w").params), { frequency: 4 });

  await page.evaluate(() => document.querySelector("#w").setAttribute("params", '{"frequency": 4, "points": 500}'));
  await page.waitForFunction(() => document.querySelector("#w").stats.bytesPerFrame === 500 * 2 * 8);
  await waitForState(page, "#w", "running");
  await close();
});

test("a million-point wave is reduced in the worker: a frame carries the plot's pixel columns, not the points", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "w", { job: "wave", params: '{"points": 1000000}', width: "400", autostart: "" }, "running");
  await waitForMoreFrames(page, "#w", 10);
  const { bytesPerFrame } = await page.evaluate(() => document.querySelector("#w").stats);
  // At most 2 points per device pixel column of the 400 px plot, 2 columns of 8 bytes each.
  const dpr = await page.evaluate(() => devicePixelRatio);
  assert.ok(bytesPerFrame > 0 && bytesPerFrame <= 2 * 400 * dpr * 2 * 8, `${bytesPerFrame} bytes per frame`);
  await close();
});

test("moving a plot to another parent keeps its job, state and time; a real removal frees it", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<div id="left"></div><div id="right"></div>'));
  await addPlotTo(page, "m", { job: "wave", autostart: "" }, { parent: "#left" });
  await waitForState(page, "#m", "running");
  await waitForMoreFrames(page, "#m", 5);
  const before = await snapshot(page, "#m");
  const events = await page.evaluate(() => window.events.m.length);
  await page.evaluate(() => document.querySelector("#right").append(document.querySelector("#m")));
  await waitForMoreFrames(page, "#m", 5);
  const after = await snapshot(page, "#m");
  assert.ok(after.frames > before.frames && after.t > before.t, `the same job carried on: t ${before.t} → ${after.t}, frames ${before.frames} → ${after.frames}`);
  assert.equal(await page.evaluate(() => document.querySelector("#m").state), "running");
  assert.deepEqual(await page.evaluate((n) => window.events.m.slice(n), events), [], "no state change, no restart");
  assert.deepEqual(await page.evaluate(() => customElements.get("live-plot").resources()), { workers: 1, documents: 1 });

  // Stopped, moved back: still stopped, at the same time.
  await page.evaluate(() => document.querySelector("#m").stop());
  const stopped = await snapshot(page, "#m");
  await page.evaluate(() => document.querySelector("#left").append(document.querySelector("#m")));
  await animationFrames(page, 10);
  assert.equal(await page.evaluate(() => document.querySelector("#m").state), "stopped");
  assert.equal((await snapshot(page, "#m")).t, stopped.t);

  await page.evaluate(() => document.querySelector("#m").remove());
  assert.equal(await page.evaluate(() => customElements.get("live-plot").resources().documents), 0, "a real removal frees the plot");
  await close();
});

test("ready rejects with code removed for every element removed before it was ready (churn of 100)", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  const outcomes = await page.evaluate(async () => {
    const settled = [];
    for (let i = 0; i < 100; i++) {
      const plot = document.createElement("live-plot");
      plot.setAttribute("job", "wave");
      document.body.append(plot);
      // Bounded: a promise that never settles shows as "pending" rather than hanging the test.
      const pending = new Promise((resolve) => setTimeout(() => resolve("pending"), 20_000));
      settled.push(Promise.race([plot.ready.then(() => "ready", (error) => error.code), pending]));
      // Half go at once, half after a moment: some never boot, some are mid-boot.
      if (i % 2 === 0) plot.remove();
      else setTimeout(() => plot.remove(), i);
    }
    return Promise.all(settled);
  });
  assert.equal(outcomes.length, 100);
  assert.ok(outcomes.every((outcome) => outcome === "removed" || outcome === "ready"), JSON.stringify([...new Set(outcomes)]));
  assert.ok(outcomes.filter((outcome) => outcome === "removed").length >= 50, "those removed at once reject with removed");
  await page.waitForFunction(() => customElements.get("live-plot").resources().documents === 0);
  await close();
});

test("a live params update that fails validation is refused: the plot keeps running with its params, shows the error until a valid update", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "live", { job: "wave", params: { frequency: 2 }, autostart: "" }, "running");
  await page.evaluate(() => {
    window.errors = [];
    document.querySelector("#live").addEventListener("live-plot-error", (event) => window.errors.push(event.detail));
  });
  for (const [bad, set] of [
    [{ frequency: -1 }, (plot, value) => (plot.params = value)],
    ["{bad", (plot, value) => plot.setAttribute("params", value)],
  ]) {
    const count = await page.evaluate(() => window.errors.length);
    await page.evaluate(([bad, set]) => new Function("plot", "value", `(${set})(plot, value)`)(document.querySelector("#live"), bad), [bad, set.toString()]);
    await page.waitForFunction((count) => window.errors.length > count, count);
    assert.equal((await page.evaluate(() => window.errors.at(-1))).code, "invalid-params");
    assert.equal(await page.evaluate(() => document.querySelector("#live").state), "running", "still running");
    assert.deepEqual(await page.evaluate(() => document.querySelector("#live").params), { frequency: 2 }, "with the params it had");
    await waitForMoreFrames(page, "#live", 3);
    assert.match(await page.locator("#live").locator('[part="error"]').textContent(), /params|frequency/);
  }
  await page.evaluate(() => (document.querySelector("#live").params = { frequency: 3 }));
  await page.locator("#live").locator('[part="error"]').waitFor({ state: "detached" });

  // An element that never started (bad params from the outset) starts once its params are fixed.
  await addPlotTo(page, "late", { job: "wave", params: "{bad", autostart: "" });
  await waitForState(page, "#late", "error");
  await page.evaluate(() => document.querySelector("#late").setAttribute("params", '{"frequency": 4}'));
  await waitForState(page, "#late", "running");
  await waitForMoreFrames(page, "#late", 3);
  assert.deepEqual(await page.evaluate(() => document.querySelector("#live").params), { frequency: 3 });
  assert.equal(await page.evaluate(() => document.querySelector("#live").state), "running");
  await close();
});
