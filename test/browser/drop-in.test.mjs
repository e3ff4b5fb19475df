// Pages we don't control: a strict Content-Security-Policy, blob: workers forbidden, the script
// loaded twice.
import { test } from "node:test";
import assert from "node:assert/strict";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { addPlot, browserSuite, waitForMoreFrames, waitForState } from "./harness.mjs";

const STRICT = "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'";
const NO_BLOB_WORKERS = "default-src 'self'; script-src 'self'; worker-src 'self'; style-src 'self' 'unsafe-inline'";
const POLICIES = { "/test/pages/csp.html": STRICT, "/test/pages/csp-engine-url.html": NO_BLOB_WORKERS, "/test/pages/meta-engine-url.html": NO_BLOB_WORKERS };

const suite = browserSuite({ headers: (path) => (POLICIES[path] ? { "content-security-policy": POLICIES[path] } : {}) });

/** Records every Content-Security-Policy violation in the page, from before its first script. */
function recordViolations() {
  window.violations = [];
  document.addEventListener("securitypolicyviolation", (event) => window.violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
}

test("under a strict CSP, two tags written in the HTML before the script come alive and animate", async () => {
  const { page, response, close } = await suite.open("/test/pages/csp.html", { init: recordViolations });
  assert.equal(response.headers()["content-security-policy"], STRICT, "the page is served with the policy");
  for (const id of ["#a", "#b"]) {
    await waitForState(page, id, "running");
    await waitForMoreFrames(page, id, 10);
  }
  await page.locator('#a [part~="start-stop"]').click();
  await waitForState(page, "#a", "stopped");
  assert.deepEqual(await page.evaluate(() => window.violations), [], "nothing the page did broke the policy");
  await close();
});

test("with blob: workers forbidden, engine-url loads the engine from a file; without it the error names worker-src", async () => {
  const { page, errors, close } = await suite.open("/test/pages/csp-engine-url.html", { init: recordViolations });
  await waitForState(page, "#file", "running");
  await waitForMoreFrames(page, "#file", 10);
  await waitForState(page, "#blob", "error");
  const message = await page.locator('#blob [part~="error"]').textContent();
  assert.match(message, /worker-src 'self' blob:/);
  assert.match(message, /engine-url/);
  // The browser reports the blocked worker itself: the one violation, and the one error, expected.
  assert.deepEqual(await page.evaluate(() => window.violations), ["worker-src blob"]);
  assert.ok(errors.length <= 1 && errors.every((e) => /worker-src/.test(e)), errors.join("\n"));
  errors.length = 0;
  assert.equal(await page.evaluate(() => document.querySelector("#file").state), "running", "the neighbour keeps running");
  await close();
});

test("a static LivePlot.engineUrl applies to elements that have no engine-url of their own", async () => {
  const { page, close } = await suite.open("/test/pages/blank.html");
  const workerUrl = page.waitForEvent("worker").then((worker) => worker.url());
  await page.evaluate(() => (customElements.get("live-plot").engineUrl = "/dist/live-plot.worker.js"));
  await addPlot(page, "w", { job: "wave", autostart: "" });
  await waitForState(page, "#w", "running");
  assert.match(await workerUrl, /\/dist\/live-plot\.worker\.js$/);
  await waitForMoreFrames(page, "#w", 5);
  await close();
});

test("a meta tag gives every plot the engine's URL whatever the scripts' order; LivePlot is a global once the script ran", async () => {
  const { page, close } = await suite.open("/test/pages/meta-engine-url.html", { init: recordViolations });
  await waitForState(page, "#w", "running");
  await waitForMoreFrames(page, "#w", 5);
  assert.deepEqual(await page.evaluate(() => window.violations), [], "no blob: worker was tried");
  await page.waitForFunction(() => window.globalSeen !== undefined);
  assert.equal(await page.evaluate(() => window.globalSeen), true, "window.LivePlot is the element's class");
  await close();
});

test("a page opened from a file (file://, no server) runs built-in jobs with live-plot.classic.js", async () => {
  const page = await suite.browser.newPage();
  const problems = [];
  page.on("console", (message) => problems.push(`${message.type()}: ${message.text()}`));
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  await page.goto(pathToFileURL(resolve("test/pages/file/index.html")).href);
  for (const id of ["#wave", "#lorenz"]) {
    await waitForState(page, id, "running");
    await waitForMoreFrames(page, id, 10);
  }
  assert.equal(await page.evaluate(() => typeof window.LivePlot), "function", "the classic script gives the global");
  assert.deepEqual(problems, [], "nothing in the console");
  await page.close();
});

test("loading the script twice is harmless: one definition, one warning at most, the plot animates", async () => {
  const { page, close } = await suite.open("/test/pages/double-load.html", {
    init: () => {
      window.warnings = [];
      const warn = console.warn;
      console.warn = (...args) => (window.warnings.push(args.join(" ")), warn(...args));
    },
  });
  await waitForState(page, "#w", "running");
  await waitForMoreFrames(page, "#w", 10);
  // Both copies have run by now (module scripts run in order, before the element could start).
  const warnings = await page.evaluate(() => window.warnings.filter((w) => w.startsWith("live-plot:")));
  assert.equal(warnings.length, 1, warnings.join("\n"));
  assert.match(warnings[0], /already defined by another copy/);
  await close();
});
