// <live-plot job="ode"> and <live-plot job="lorenz"> in real Chromium with the built bundle: a run
// that ends exactly at t1, live and restarting parameter changes, and every way an ODE job can fail.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPlot, animationFrames, browserSuite, firstEvent, plotPixels, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();
const BLANK = "/test/pages/blank.html";

// The Arenstorf orbit (Hairer, Nørsett, Wanner, Solving ODEs I, eq. II.0.1) is periodic: y(T) = y0.
// With tolerances 1e-10 the positions (y1, y2) come back within 1e-7 after one period.
const ARENSTORF = {
  rhs: "/demos/jobs/arenstorf.js",
  y0: [0.994, 0, 0, -2.00158510637908252240537862224],
  t1: 17.0652165601579625588917206249,
  rtol: 1e-10,
  atol: 1e-10,
  speed: "max",
  plot: [0, 1],
};
const FAULTY = "/test/pages/jobs/faulty-rhs.js";

/** The detail of the element's first `type` event, once it has fired. */
const nextEvent = async (page, id, type) => (await firstEvent(page, id, type)).detail;

/** The states the element has announced, in order. */
const statesOf = (page, id) =>
  page.evaluate((id) => window.events[id].filter((event) => event.type === "live-plot-state").map((event) => event.detail.state), id);

/** Adds an autostarting ode plot with `params` and answers its `live-plot-error` detail. */
async function addFailing(page, id, params) {
  await addPlot(page, id, { job: "ode", params, autostart: "" });
  return nextEvent(page, id, "live-plot-error");
}

const snapshot = (page, selector) => page.evaluate((s) => document.querySelector(s).snapshot(), selector);
const stateOf = (page, selector) => page.evaluate((s) => document.querySelector(s).state, selector);

test("the Arenstorf orbit runs to t1 exactly, closes within 1e-7, and reset() starts it over", async () => {
  const { page, close } = await suite.open(BLANK);
  // Same size, fixed ranges, and whole-pixel positions, so that equal pictures are equal bytes.
  const look = { "x-range": "-1.5,1.5", "y-range": "-1.5,1.5", width: "400", height: "400", controls: "" };
  const at = (left) => `position: absolute; top: 0; left: ${left}px`;
  const startButton = (id) => page.locator(`#${id} [part~="start-stop"]`);
  // The same plot, never started: it shows only the initial point.
  await addPlot(page, "fresh", { job: "ode", params: ARENSTORF, ...look, style: at(0) });
  await waitForState(page, "#fresh", "ready");
  const empty = await plotPixels(page, "#fresh");
  assert.equal(await startButton("fresh").isDisabled(), false, "Start is enabled while ready");

  await addPlot(page, "orbit", { job: "ode", params: ARENSTORF, ...look, style: at(440), autostart: "" });
  const { snapshot: end } = await nextEvent(page, "orbit", "live-plot-finished");
  assert.equal(await stateOf(page, "#orbit"), "finished");
  assert.deepEqual((await statesOf(page, "orbit")).slice(-2), ["running", "finished"]);
  assert.equal(end.t, ARENSTORF.t1, "the run ends exactly at t1");
  for (const i of [0, 1]) {
    assert.ok(Math.abs(end.y[i] - ARENSTORF.y0[i]) < 1e-7, `y[${i}](T) = ${end.y[i]}, y0[${i}] = ${ARENSTORF.y0[i]}`);
  }
  assert.deepEqual(await snapshot(page, "#orbit"), end, "snapshot() agrees with the event");

  const orbit = await plotPixels(page, "#orbit");
  assert.notDeepEqual(orbit, empty, "the finished plot shows the orbit");
  assert.equal(await startButton("orbit").isDisabled(), true, "Start is disabled once finished");
  await page.evaluate(() => document.querySelector("#orbit").start());
  await animationFrames(page, 10);
  assert.equal(await stateOf(page, "#orbit"), "finished", "start() does nothing once finished");
  assert.deepEqual(await snapshot(page, "#orbit"), end, "nothing moves after the end");
  assert.deepEqual(await plotPixels(page, "#orbit"), orbit);

  await page.evaluate(() => document.querySelector("#orbit").reset());
  assert.equal(await stateOf(page, "#orbit"), "ready");
  const again = await snapshot(page, "#orbit");
  assert.equal(again.t, 0);
  assert.deepEqual(again.y, ARENSTORF.y0);
  assert.equal(await startButton("orbit").isDisabled(), false, "Start is enabled again after reset()");
  assert.deepEqual(await plotPixels(page, "#orbit"), empty, "reset() shows the initial point only");
  await close();
});

test("lorenz animates, reports evaluations, takes sigma live and restarts for new axes", async () => {
  const { page, close } = await suite.open(BLANK);
  await addPlot(page, "l", { job: "lorenz", autostart: "", stats: "" });
  await waitForState(page, "#l", "running");
  await waitForMoreFrames(page, "#l", 5);
  const a = await plotPixels(page, "#l");
  await waitForMoreFrames(page, "#l", 10);
  assert.notDeepEqual(await plotPixels(page, "#l"), a, "the picture changes while running");

  const readout = page.locator('#l [part~="stats"]');
  await page.waitForFunction(() => document.querySelector("#l").stats.fps > 0);
  assert.ok((await page.evaluate(() => document.querySelector("#l").stats.evalRate)) > 0, "evaluations per second are counted");
  assert.match(await readout.textContent(), /· [\d.]+[kM]? evals\/s$/);

  // A live change: the clock and the step count carry on.
  const before = await snapshot(page, "#l");
  await page.evaluate(() => (document.querySelector("#l").params = { sigma: 12 }));
  await waitForMoreFrames(page, "#l", 5);
  const after = await snapshot(page, "#l");
  assert.ok(after.t > before.t && after.steps > before.steps, `t ${before.t} → ${after.t}, steps ${before.steps} → ${after.steps}`);
  assert.equal(await stateOf(page, "#l"), "running");
  assert.deepEqual(await page.evaluate(() => document.querySelector("#l").params), { sigma: 12 });
  assert.ok(!(await statesOf(page, "l")).includes("loading"), "no restart");

  // New axes need a new plot: the run starts over and keeps running.
  await waitForMoreFrames(page, "#l", 10);
  const old = await snapshot(page, "#l");
  await page.evaluate(() => (document.querySelector("#l").params = { axes: ["x", "y"] }));
  await page.waitForFunction(() => {
    const states = window.events.l.filter((event) => event.type === "live-plot-state").map((event) => event.detail.state);
    return states.includes("loading") && states.at(-1) === "running";
  });
  const restarted = await snapshot(page, "#l");
  assert.ok(restarted.t < old.t && restarted.steps < old.steps, `t ${old.t} → ${restarted.t}, steps ${old.steps} → ${restarted.steps}`);
  await waitForMoreFrames(page, "#l", 5);
  assert.equal(await stateOf(page, "#l"), "running");
  await close();
});

/** Every way an ode job fails: the params, the code, what the message says, and whether it fails while running. */
const FAILURES = [
  { name: "y0 is not numeric", params: { rhs: FAULTY, y0: ["one"] }, code: "invalid-params", message: /y0 must be a non-empty array of finite numbers/ },
  { name: "the rhs module is not there", params: { rhs: "/test/pages/jobs/missing-rhs.js", y0: [1] }, code: "invalid-module", message: /could not load rhs module .*missing-rhs\.js/ },
  { name: "the rhs module has no default export", params: { rhs: "/test/pages/jobs/no-default-rhs.js", y0: [1] }, code: "invalid-module", message: /must export f\(t, y, args\) as its default export/ },
  {
    name: "f throws after a while",
    params: { rhs: FAULTY, y0: [1], args: { fault: "throw", after: 0.25 } },
    code: "rhs-failed",
    message: /f threw at t = .*faulty-rhs: deliberate failure/,
    running: true,
    check: (message) => {
      const t = Number(/f threw at t = (\S+):/.exec(message)[1]);
      assert.ok(t >= 0.25, `f ran up to t = 0.25 before it threw, at t = ${t}`);
    },
  },
  { name: "f returns the wrong length", params: { rhs: FAULTY, y0: [1], args: { fault: "length" } }, code: "rhs-failed", message: /returned 2 values for a system of 1/, running: true },
  { name: "f returns NaN", params: { rhs: FAULTY, y0: [1, 2], args: { fault: "nan" } }, code: "rhs-failed", message: /non-finite value \(NaN\)/, running: true },
  { name: "the solution blows up", params: { rhs: "/test/pages/jobs/blowup-rhs.js", y0: [1], t1: 2, speed: "max" }, code: "solver-failed", message: /t = (0\.99|1\.00)\d*/, running: true },
];

test("ode failures: each puts only its own element in error, with its code and message, while a neighbour runs on", async (t) => {
  const { page, close } = await suite.open(BLANK);
  await addPlot(page, "neighbour", { job: "lorenz", autostart: "" });
  await waitForState(page, "#neighbour", "running");

  for (const [i, failure] of FAILURES.entries()) {
    await t.test(failure.name, async () => {
      const id = `failing${i}`;
      const error = await addFailing(page, id, failure.params);
      assert.equal(error.code, failure.code, error.message);
      assert.match(error.message, failure.message);
      failure.check?.(error.message);
      assert.equal(await stateOf(page, `#${id}`), "error");
      const shown = page.locator(`#${id} [part~="error"]`);
      assert.ok(await shown.isVisible(), "the message is visible");
      assert.equal((await shown.textContent()).trim(), error.message);
      // Failures in creating the job come before "ready"; failures of f or the solver come while running.
      assert.deepEqual(await statesOf(page, id), failure.running ? ["ready", "running", "error"] : ["error"]);
      assert.equal(await page.evaluate((id) => window.events[id].filter((event) => event.type === "live-plot-error").length, id), 1, "one error event");
      const ready = await page.evaluate((id) => document.getElementById(id).ready.then(() => "resolved", (e) => e.code), id);
      assert.equal(ready, failure.running ? "resolved" : failure.code, "ready rejects only when the job could not start");
      await waitForMoreFrames(page, "#neighbour", 5);
      assert.equal(await stateOf(page, "#neighbour"), "running", "the neighbour keeps running");
    });
  }

  assert.equal(await page.evaluate(() => customElements.get("live-plot").resources().documents), 1, "only the neighbour holds a plot");
  await close();
});
