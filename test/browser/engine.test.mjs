// The bundle on its own, and the engine client's promise never to hang.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "../../scripts/serve.mjs";
import { addPlot, browserSuite, firstEvent, waitForMoreFrames, waitForState } from "./harness.mjs";

const suite = browserSuite();

test("dist/live-plot.js alone next to an HTML page: the tag written in the HTML animates", async () => {
  const dir = await mkdtemp(join(tmpdir(), "live-plot-dropin-"));
  await copyFile("dist/live-plot.js", join(dir, "live-plot.js"));
  await writeFile(
    join(dir, "index.html"),
    `<!doctype html><link rel="icon" href="data:,">
     <live-plot id="w" job="wave" autostart controls stats></live-plot>
     <script type="module" src="live-plot.js"></script>`,
  );
  const { server, url } = await serve({ root: dir });
  const page = await suite.browser.newPage();
  const errors = [];
  page.on("console", (message) => message.type() === "error" && errors.push(message.text()));
  page.on("pageerror", (error) => errors.push(error.message));
  try {
    await page.goto(`${url}/index.html`);
    await waitForState(page, "#w", "running");
    await waitForMoreFrames(page, "#w", 10);
    assert.deepEqual(errors, []);
  } finally {
    await page.close();
    server.close();
    await rm(dir, { recursive: true });
  }
});

test("a module that kills its worker: the pending call rejects, the element says so, plots of other code run on", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "neighbour", { job: "wave", autostart: "" });
  await waitForState(page, "#neighbour", "running");
  await addPlot(page, "crash", { job: "/test/pages/jobs/crash-worker.js" });
  const { detail } = await firstEvent(page, "crash", "live-plot-error");
  await waitForState(page, "#crash", "error");
  assert.equal(detail.code, "worker-failed");
  assert.match(detail.message, /crash-worker: the worker dies here/);
  // A user's module runs in a worker of its own: the built-in wave's worker is untouched.
  await waitForMoreFrames(page, "#neighbour", 10);
  assert.equal(await page.evaluate(() => document.querySelector("#neighbour").state), "running");
  assert.deepEqual(await page.evaluate(() => customElements.get("live-plot").resources()), { workers: 1, documents: 1 });

  await addPlot(page, "after", { job: "wave", autostart: "" });
  await waitForState(page, "#after", "running");
  await waitForMoreFrames(page, "#after", 5);
  await close();
});

test("a module that hangs its worker: the call times out, that worker ends, plots of other code run on", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  await addPlot(page, "neighbour", { job: "wave", autostart: "" });
  await waitForState(page, "#neighbour", "running");
  // The client's call timeout is the only thing that can notice a worker that never answers create():
  // 15 s by default, 1.5 s here.
  await page.evaluate(() => (customElements.get("live-plot").callTimeoutMs = 1500));
  await addPlot(page, "endless", { job: "/test/pages/jobs/endless-job.js" });
  const { detail } = await firstEvent(page, "endless", "live-plot-error");
  assert.equal(detail.code, "timeout");
  assert.match(detail.message, /did not answer create\(\) within 1.5 s/, "the timeout set applied");
  await waitForMoreFrames(page, "#neighbour", 10);
  assert.deepEqual(await page.evaluate(() => customElements.get("live-plot").resources()), { workers: 1, documents: 1 }, "the hung worker was ended");
  await close();
});
