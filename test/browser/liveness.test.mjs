// A plot's state is the truth: a worker that dies or hangs takes its plots to `error` (they do not go
// on saying `running` over frozen frames), and a long step() never freezes the neighbours.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPlot, browserSuite, firstEvent, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();

/** Opens a page with a running built-in wave beside whatever the test adds. */
/** @param {{cores?: number}} [options] */
async function withNeighbour({ cores } = {}) {
  const opened = await suite.open("/test/pages/blank.html", { cores });
  await addPlot(opened.page, "neighbour", { job: "wave", autostart: "" });
  await waitForState(opened.page, "#neighbour", "running");
  return opened;
}

test("a module whose own timer kills its worker while running: its plot goes to error (worker-failed); the neighbour runs on", async () => {
  const { page, close } = await withNeighbour();
  await addPlot(page, "crash", { job: "/test/pages/jobs/crash-later.js", autostart: "" });
  await waitForState(page, "#crash", "running");
  const { detail } = await firstEvent(page, "crash", "live-plot-error");
  assert.equal(detail.code, "worker-failed");
  assert.match(detail.message, /crash-later: the worker dies while the plot runs/);
  await waitForState(page, "#crash", "error");
  await waitForMoreFrames(page, "#neighbour", 10);
  assert.equal(await page.evaluate(() => document.querySelector("#neighbour").state), "running");
  await close();
});

test("a module that blocks its worker while running is found by the watchdog: timeout naming the module; the neighbour runs on", async () => {
  const { page, close } = await withNeighbour();
  await addPlot(page, "hang", { job: "/test/pages/jobs/hang-later.js", autostart: "" });
  await waitForState(page, "#hang", "running");
  const { detail } = await firstEvent(page, "hang", "live-plot-error");
  assert.equal(detail.code, "timeout");
  assert.match(detail.message, /hang-later\.js/);
  await waitForState(page, "#hang", "error");
  await waitForMoreFrames(page, "#neighbour", 10);
  assert.deepEqual(await page.evaluate(() => customElements.get("live-plot").resources()), { workers: 1, documents: 1 }, "the hung worker was ended");
  await close();
});

test("step(100000) on a heavy job keeps the neighbour drawing; stop() cuts it short and both calls settle", async () => {
  const { page, close } = await withNeighbour();
  await addPlot(page, "gs", { job: "gray-scott", params: { width: 256, height: 256 } });
  await waitForState(page, "#gs", "ready");
  await page.evaluate(() => {
    window.stepped = document.querySelector("#gs").step(100000).then(() => "stepped");
  });
  // A step of 100,000 frames takes minutes; meanwhile the neighbour (same worker) keeps its frames coming.
  await waitForMoreFrames(page, "#neighbour", 30);
  const before = await page.evaluate(async () => (await document.querySelector("#gs").snapshot()).step);
  assert.ok(before > 0, `the step is under way (${before} steps)`);
  await page.evaluate(() => document.querySelector("#gs").stop());
  assert.equal(await page.evaluate(() => window.stepped), "stepped");
  assert.equal(await page.evaluate(() => document.querySelector("#gs").state), "stopped");
  const after = await page.evaluate(async () => (await document.querySelector("#gs").snapshot()).step);
  assert.ok(after < 100000 * 8, `stopped early, at ${after} steps`);
  assert.equal(await page.evaluate(() => document.querySelector("#neighbour").state), "running");
  await close();
});

test("stray messages from a module are ignored; a module that floods the page is ended with worker-failed", async () => {
  const { page, close } = await withNeighbour();
  await addPlot(page, "chatty", { job: "/test/pages/jobs/chatty.js", autostart: "" });
  await waitForState(page, "#chatty", "running");
  await waitForMoreFrames(page, "#chatty", 30);
  assert.equal(await page.evaluate(() => document.querySelector("#chatty").state), "running", "a few stray messages do no harm");

  await addPlot(page, "flood", { job: "/test/pages/jobs/flood.js", autostart: "" });
  const { detail } = await firstEvent(page, "flood", "live-plot-error");
  assert.equal(detail.code, "worker-failed");
  assert.match(detail.message, /messages in a second .*flood\.js/);
  await waitForMoreFrames(page, "#neighbour", 10);
  await waitForMoreFrames(page, "#chatty", 10);
  await close();
});

test("built-in plots whose worker dies start over on a fresh worker and say so; a second loss soon after is an error", async () => {
  // Two cores: the two built-in plots share one worker, the one this test kills.
  const { page, close } = await withNeighbour({ cores: 2 });
  await addPlot(page, "lorenz", { job: "lorenz", autostart: "" });
  await waitForState(page, "#lorenz", "running");
  await page.evaluate(() => {
    window.restarts = [];
    for (const plot of document.querySelectorAll("live-plot")) plot.addEventListener("live-plot-restarted", (event) => window.restarts.push([plot.id, event.detail.code]));
  });
  /** Kills the built-in plots' shared engine worker from inside, as a bug in a job would. */
  const crashEngine = async () => {
    const engine = page.workers().find((worker) => worker.url().startsWith("blob:"));
    await engine.evaluate(() => setTimeout(() => {
      throw new Error("test: the engine worker dies");
    }));
  };
  await crashEngine();
  await page.waitForFunction(() => window.restarts.length === 2);
  assert.deepEqual((await page.evaluate(() => window.restarts)).sort(), [["lorenz", "worker-failed"], ["neighbour", "worker-failed"]]);
  for (const id of ["neighbour", "lorenz"]) {
    await waitForState(page, `#${id}`, "running");
    await waitForMoreFrames(page, `#${id}`, 10);
  }
  assert.deepEqual(await page.evaluate(() => customElements.get("live-plot").resources()), { workers: 1, documents: 2 }, "one fresh worker");

  // Lost again within the recovery window: now the plots say so and stop pretending.
  await crashEngine();
  for (const id of ["neighbour", "lorenz"]) {
    const { detail } = await firstEvent(page, id, "live-plot-error");
    assert.equal(detail.code, "worker-failed");
    assert.match(detail.message, /test: the engine worker dies/);
    await waitForState(page, `#${id}`, "error");
  }
  await close();
});

test("every pending call settles when its element is removed: a long step, a stop", async () => {
  const { page, close } = await withNeighbour();
  await addPlot(page, "gone", { job: "gray-scott", params: { width: 256, height: 256 } });
  await waitForState(page, "#gone", "ready");
  const outcomes = await page.evaluate(async () => {
    const plot = document.querySelector("#gone");
    const settle = (promise) => promise.then(() => "resolved", (error) => `rejected ${error.code}`);
    const step = settle(plot.step(100000));
    await new Promise((resolve) => setTimeout(resolve, 100));
    const stop = settle(plot.stop());
    plot.remove();
    // Bounded: a call that never settles shows as "pending".
    const pending = new Promise((resolve) => setTimeout(() => resolve("pending"), 20_000));
    return Promise.all([step, stop].map((call) => Promise.race([call, pending])));
  });
  assert.ok(outcomes.every((outcome) => outcome !== "pending"), JSON.stringify(outcomes));
  await waitForMoreFrames(page, "#neighbour", 10);
  await close();
});
