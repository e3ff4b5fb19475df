// A job module of the user's own, given by URL, runs through the same contract as the built-ins.
import { test } from "node:test";
import assert from "node:assert/strict";
import { addPlot, browserSuite, firstEvent, plotPixels, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();

/** Adds an autostarting plot of `job` with `params`. */
const addJob = (page, id, job, params) => addPlot(page, id, { job, ...(params && { params }), autostart: "" });

test("the demo's random-walk module animates in the worker; its rate changes live", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addJob(page, "walks", "/demos/jobs/random-walks.js", { walkers: 5, length: 100, rate: 300 });
  await waitForState(page, "#walks", "running");
  await waitForMoreFrames(page, "#walks", 3);
  const before = await plotPixels(page, "#walks");
  await waitForMoreFrames(page, "#walks", 15);
  assert.notDeepEqual(await plotPixels(page, "#walks"), before);
  const snapshot = await page.evaluate(() => document.querySelector("#walks").snapshot());
  assert.ok(snapshot.steps > 0);
  assert.equal(snapshot.positions.length, 5);
  await page.evaluate(() => (document.querySelector("#walks").params = { walkers: 5, length: 100, rate: 1000 }));
  await waitForMoreFrames(page, "#walks", 5);
  const after = await page.evaluate(() => document.querySelector("#walks").snapshot());
  assert.ok(after.steps > snapshot.steps, "a live change: the walk goes on from where it was");
  await close();
});

test("a module's own errors keep their code; a broken module is invalid-module; neighbours run on", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addJob(page, "good", "wave");
  /** @type {[string, string, object | null, string, RegExp][]} */
  const cases = [
    ["params", "/demos/jobs/random-walks.js", { walkers: 0 }, "invalid-params", /walkers must be an integer from 1 to 200/],
    ["scene", "/test/pages/jobs/bad-scene-job.js", null, "invalid-module", /unknown source "nowhere"/],
    ["missing", "/test/pages/jobs/no-such-job.js", null, "invalid-module", /could not load job module/],
  ];
  for (const [id, job, params, code, message] of cases) {
    await addJob(page, id, job, params);
    const { detail } = await firstEvent(page, id, "live-plot-error");
    await waitForState(page, `#${id}`, "error");
    assert.equal(detail.code, code, id);
    assert.match(detail.message, message, id);
  }
  await waitForMoreFrames(page, "#good", 5);
  assert.equal(await page.evaluate(() => document.querySelector("#good").state), "running");
  await close();
});

