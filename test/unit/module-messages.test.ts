// Messages about modules stay readable: a module given as TypeScript source is named as such, and
// no message quotes a long data: URL (a bundler's inlined module) in full.
import { test } from "node:test";
import assert from "node:assert/strict";
import { LivePlotError, shortenDataUrls, toErrorInfo } from "../../src/protocol/index.js";
import { loadModuleFunction } from "../../src/worker/jobs/load-module.js";
import { failsWith } from "./fails-with.js";

const KIND = { what: "job module", expects: "a job factory function" };
const typescript = `export default function create(params: Record<string, number>) { return { scene: { sources: {}, glyphs: [] } }; }\n${"// padding\n".repeat(300)}`;

test("shortenDataUrls: a long data: URL becomes its type and length; short ones and other text stay", () => {
  const long = `data:text/javascript,${"x".repeat(500)}`;
  assert.equal(shortenDataUrls(`could not load ${long}: failed`), `could not load data:text/javascript,… (${long.length} characters): failed`);
  assert.equal(shortenDataUrls(`"${long}" twice ${long}`), `"data:text/javascript,… (${long.length} characters)" twice data:text/javascript,… (${long.length} characters)`);
  const short = "data:text/javascript,export default 1";
  assert.equal(shortenDataUrls(`load ${short} now`), `load ${short} now`);
  assert.equal(shortenDataUrls("https://example.org/job.js is fine"), "https://example.org/job.js is fine");
});

test("LivePlotError and toErrorInfo never carry a long data: URL", () => {
  const url = `data:video/mp2t;base64,${Buffer.from(typescript).toString("base64")}`;
  const error = new LivePlotError("invalid-module", `could not load ${url}`);
  assert.equal(error.message, `could not load data:video/mp2t;base64,… (${url.length} characters)`);
  assert.equal(toErrorInfo(new Error(`import of ${url} failed`), "job-failed").message, `import of data:video/mp2t;base64,… (${url.length} characters) failed`);
});

test("a module given as TypeScript source fails as invalid-module saying so, by data: type or by extension", async () => {
  const inlined = `data:video/mp2t;base64,${Buffer.from(typescript).toString("base64")}`;
  for (const url of [inlined, `data:application/typescript,${encodeURIComponent(typescript)}`, "file:///nowhere/job.ts", "file:///nowhere/job.mts?v=3"]) {
    await assert.rejects(loadModuleFunction(url, KIND), failsWith("invalid-module", /is TypeScript source, which browsers cannot run: give the URL of its JavaScript build/), url.slice(0, 40));
  }
  await assert.rejects(loadModuleFunction(inlined, KIND), (error: Error) => error.message.length < 400 && !error.message.includes(inlined.slice(0, 200)));
});

test("a module that fails to load is named once in the message, not again in the browser's words", async () => {
  const url = "file:///nowhere/job.js";
  await assert.rejects(loadModuleFunction(url, KIND), (error: Error) => {
    assert.equal(error.message.split(url).length - 1, 1, error.message);
    assert.match(error.message, /^could not load job module file:\/\/\/nowhere\/job\.js: /);
    return true;
  });
});
