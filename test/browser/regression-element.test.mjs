// <live-plot job="regression"> in the browser: the seed's line converges to the reference, and a
// diverging run is an error on its own element.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { addPlot, browserSuite, colourExtents, firstEvent, plotPixels, waitForState } from "./harness.mjs";

const suite = browserSuite();
const seed = JSON.parse(await readFile("test/reference/regression-seed.json", "utf8"));

/** Adds an autostarting regression plot and answers its first finished or error event. */
async function addRegression(page, id, params) {
  await addPlot(page, id, { job: "regression", params, autostart: "" });
  const { type, detail } = await firstEvent(page, id, "live-plot-finished", "live-plot-error");
  return { type: type.replace("live-plot-", ""), ...detail };
}

test("the seed's nine points converge to the least-squares line; the element finishes with the snapshot", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  const outcome = await addRegression(page, "fit", { x: seed.x, y: seed.y });
  assert.equal(outcome.type, "finished");
  const { snapshot } = outcome;
  assert.equal(snapshot.converged, true);
  for (const name of ["slope", "intercept"]) {
    const error = Math.abs(snapshot[name] - seed.ols[name]) / Math.abs(seed.ols[name]);
    assert.ok(error <= 1e-6, `${name} ${snapshot[name]} vs ${seed.ols[name]} (relative ${error})`);
  }
  await waitForState(page, "#fit", "finished");
  assert.deepEqual(await page.evaluate(() => document.querySelector("#fit").snapshot()), snapshot);
  // Drawn: the fitted line (orange, the main panel) above the loss line (green, the panel below).
  const picture = await plotPixels(page, "#fit");
  const fit = await colourExtents(page, picture, [0xff, 0x7f, 0x0e], 30);
  const loss = await colourExtents(page, picture, [0x2c, 0xa0, 0x2c], 30);
  const rowsOf = (extents) => extents.rows.flatMap((n, y) => (n > 0 ? [y] : []));
  const [fitRows, lossRows] = [rowsOf(fit), rowsOf(loss)];
  const inked = (extents) => extents.rows.reduce((a, b) => a + b, 0);
  assert.ok(fitRows.length > 20, `the fit spans ${fitRows.length} rows`);
  assert.ok(inked(loss) > 100, `the loss line (levelling off at the least-squares loss) has ${inked(loss)} pixels`);
  assert.ok(Math.max(...fitRows) < Math.min(...lossRows), "the loss panel lies below the main one");
  await close();
});

test("a learning rate that diverges puts only that element in error, with a message that helps", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  const good = addRegression(page, "good", { x: seed.x, y: seed.y });
  const bad = await addRegression(page, "bad", { x: seed.x, y: seed.y, standardize: false, learningRate: 0.05 });
  assert.equal(bad.type, "error");
  assert.equal(bad.code, "diverged");
  assert.match(bad.message, /smaller learningRate/);
  assert.equal((await page.locator('#bad [part~="error"]').textContent()).trim(), bad.message);
  assert.equal((await good).type, "finished", "the neighbour still converges");
  await close();
});
