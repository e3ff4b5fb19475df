// The module origin policy: job modules, rhs modules and CSV files load from the page's origin, from
// blob: URLs the page made, or from origins the page allows; data: URLs and other origins are refused
// with invalid-module saying how to allow them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serve } from "../../scripts/serve.mjs";
import { addPlot, browserSuite, firstEvent } from "./harness.mjs";

const suite = browserSuite();

/** Adds a plot and answers its first error (or null once it runs). */
async function outcome(page, id, attributes) {
  await addPlot(page, id, { autostart: "", ...attributes });
  await page.waitForFunction((id) => ["running", "error"].includes(document.getElementById(id).state), id);
  if ((await page.evaluate((id) => document.getElementById(id).state, id)) === "running") return null;
  return (await firstEvent(page, id, "live-plot-error")).detail;
}

test("data: URLs and other origins are refused with invalid-module saying how to allow them; the page's blob: URLs load", async () => {
  // A second server on another port: another origin, serving modules with CORS.
  const other = await serve({ headers: () => ({ "Access-Control-Allow-Origin": "*" }) });
  const { page, close } = await suite.open("/test/pages/blank.html");
  try {
    const code = "export default () => { throw new Error('should never run'); }";
    const dataUrl = `data:text/javascript,${encodeURIComponent(code)}${"x".repeat(3000)}`;
    const refused = await outcome(page, "data", { job: dataUrl });
    assert.equal(refused.code, "invalid-module");
    assert.match(refused.message, /refused.*blob: URLs this page made/);
    assert.ok(refused.message.length < 400, `the data: URL is not repeated in full (${refused.message.length} characters)`);

    const rhs = await outcome(page, "rhs", { job: "ode", params: { rhs: dataUrl, y0: [1] } });
    assert.equal(rhs.code, "invalid-module");
    assert.match(rhs.message, /^ode: rhs data:/);

    const foreign = `${other.url}/test/pages/jobs/tiny-walk.js`;
    const origin = new URL(other.url).origin;
    const crossOrigin = await outcome(page, "cross", { job: foreign });
    assert.equal(crossOrigin.code, "invalid-module");
    assert.ok(crossOrigin.message.includes(`LivePlot.allowedOrigins = ["${origin}"]`), crossOrigin.message);

    const csv = await outcome(page, "csv", { job: "regression", params: { csv: `${other.url}/data.csv` } });
    assert.equal(csv.code, "invalid-module");

    // Allowed, the same module from that origin runs.
    await page.evaluate((origin) => (customElements.get("live-plot").allowedOrigins = [origin]), origin);
    assert.equal(await outcome(page, "allowed", { job: foreign }), null);

    // A blob: URL the page made is the page's own.
    const blob = await page.evaluate(() => URL.createObjectURL(new Blob([`export { default } from "${location.origin}/test/pages/jobs/tiny-walk.js";`], { type: "text/javascript" })));
    assert.equal(await outcome(page, "blob", { job: blob }), null);
  } finally {
    other.server.close();
    await close();
  }
});
