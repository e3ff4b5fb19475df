// Every fault at once on one page, beside healthy plots: each faulty plot ends in a truthful error
// with its code, the healthy ones keep drawing throughout, and the page sees no uncaught error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { browserSuite } from "./harness.mjs";

const suite = browserSuite();

const EXPECTED = {
  "unknown-job": "unknown-job",
  "bad-json": "invalid-params",
  "data-url": "invalid-module",
  "rhs-throws": "rhs-failed",
  "rhs-hangs": "timeout",
  "counters-throw": "job-failed",
  "module-crashes": "worker-failed",
  "module-hangs": "timeout",
  "module-floods": "worker-failed",
  diverges: "diverged",
  overflows: "invalid-data",
};
const HEALTHY = ["healthy-wave", "healthy-lorenz"];

test("the fault matrix: every fault ends in its error, the healthy plots keep drawing, no uncaught errors", async () => {
  const { page, close } = await suite.open("/test/pages/fault-matrix.html", { viewport: { width: 1300, height: 1000 } });
  const frames = () => page.evaluate((ids) => ids.map((id) => document.getElementById(id).stats.frames), HEALTHY);
  await page.waitForFunction((ids) => ids.every((id) => document.getElementById(id)?.state === "running"), HEALTHY);
  const start = await frames();
  await page.waitForFunction((ids) => ids.every((id) => window.firstErrors[id]), Object.keys(EXPECTED));
  const codes = await page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, window.firstErrors[id].code])), Object.keys(EXPECTED));
  assert.deepEqual(codes, EXPECTED);
  const states = await page.evaluate((ids) => ids.map((id) => document.getElementById(id).state), Object.keys(EXPECTED));
  assert.ok(states.every((state) => state === "error"), states.join(", "));
  // The healthy plots drew all along, and go on drawing: at least 30 more frames each.
  const after = await frames();
  assert.ok(after.every((n, i) => n > start[i]), `frames ${start} → ${after}`);
  await page.waitForFunction(([ids, target]) => ids.every((id, i) => document.getElementById(id).stats.frames >= target[i]), /** @type {[string[], number[]]} */ ([HEALTHY, after.map((n) => n + 30)]));
  assert.deepEqual(await page.evaluate((ids) => ids.map((id) => document.getElementById(id).state), HEALTHY), ["running", "running"]);
  // The long step goes on (the healthy plots share its worker); stop() ends it and its call settles.
  await page.evaluate(() => document.querySelector("#long-step").stop());
  await page.evaluate(() => window.longStep);
  assert.equal(await page.evaluate(() => document.querySelector("#long-step").state), "stopped");
  await close();
});
