// Every demo page loads without errors and every plot on it comes alive (or finishes), with not a
// line in the console: neither BokehJS nor the element writes anything in normal operation.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdir } from "node:fs/promises";
import { browserSuite } from "./harness.mjs";

const suite = browserSuite();
const pages = (await readdir("demos")).filter((name) => name.endsWith(".html")).sort();

for (const name of pages) {
  test(`demos/${name}: every plot runs, no errors, a quiet console`, async () => {
    const { page, close, messages } = await suite.open(`/demos/${name}`);
    const count = await page.evaluate(() => document.querySelectorAll("live-plot").length);
    assert.ok(count > 0, "the page has plots");
    // Plots out of sight draw nothing: look at each in turn.
    for (let i = 0; i < count; i++) {
      await page.evaluate((i) => document.querySelectorAll("live-plot")[i].scrollIntoView(), i);
      await page.waitForFunction(
        (i) => {
          const plot = document.querySelectorAll("live-plot")[i];
          return plot.state === "error" || (["running", "finished"].includes(plot.state) && plot.stats.frames > 0);
        },
        i,
      );
    }
    const states = await page.evaluate(() => [...document.querySelectorAll("live-plot")].map((plot) => `${plot.id || plot.job}: ${plot.state}`));
    assert.ok(states.every((state) => !state.endsWith("error")), states.join(", "));
    assert.deepEqual(messages, [], "nothing in the console");
    await close();
  });
}
