// What editors are told about <live-plot> (dist/custom-elements.json, dist/vscode.html-custom-data.json,
// dist/web-types.json, written by scripts/manifest.mjs) against what the element in the browser
// takes: its observed attributes, the jobs and backends its own error messages list, and its states.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { addPlot, browserSuite, waitForState } from "./harness.mjs";

const suite = browserSuite();
const readJson = async (path) => JSON.parse(await readFile(path, "utf8"));
const manifest = await readJson("dist/custom-elements.json");
const vsCode = await readJson("dist/vscode.html-custom-data.json");
const webTypes = await readJson("dist/web-types.json");
const element = manifest.modules.flatMap((module) => module.declarations).find((declaration) => declaration.tagName === "live-plot");
const STATES = ["loading", "ready", "running", "stopped", "finished", "error"];
const BOOLEAN_ATTRIBUTES = ["autostart", "controls", "stats", "tools"];
const union = (names) => names.map((name) => JSON.stringify(name)).join(" | ");
const sorted = (names) => [...names].sort();

/** What the element takes, asked of the element itself. */
async function elementFacts() {
  const { page, close } = await suite.open("/test/pages/blank.html");
  try {
    const observed = await page.evaluate(() => [.../** @type {any} */ (customElements.get("live-plot")).observedAttributes]);
    const refusal = async (id, attributes) => {
      await addPlot(page, id, attributes);
      await waitForState(page, `#${id}`, "error");
      return page.evaluate((id) => document.querySelector(`#${id}`).shadowRoot.querySelector('[part~="error"]').textContent, id);
    };
    // "… use a built-in job (wave, pixels, …) or the URL of a job module"; "backend must be one of canvas, webgl, svg, …"
    const jobs = (await refusal("j", { job: "no-such-job" })).match(/built-in job \(([^)]+)\)/)[1].split(", ");
    const backends = (await refusal("b", { job: "wave", backend: "vml" })).match(/one of ([\w, ]+), got/)[1].split(", ");
    return { observed, jobs, backends };
  } finally {
    await close();
  }
}
/** @type {ReturnType<typeof elementFacts> | undefined} */
let asked;
/** Once, when the first test needs them (the browser starts before the tests). */
const facts = () => (asked ??= elementFacts());

test("the manifest lists exactly the element's attributes, each described, with the allowed values of job and backend", async () => {
  const { observed, jobs, backends } = await facts();
  assert.deepEqual(sorted(element.attributes.map((a) => a.name)), sorted(observed));
  for (const attribute of element.attributes) assert.ok(attribute.description?.trim().length > 10, `${attribute.name} is described`);
  const typeOf = (name) => element.attributes.find((a) => a.name === name).type.text;
  assert.equal(typeOf("job"), `${union(jobs)} | string`);
  assert.equal(typeOf("backend"), union(backends));
  assert.equal(typeOf("offscreen"), union(["pause", "run"]));
  // JSON text, and no suggested value.
  assert.equal(typeOf("params"), "string");
  assert.equal(element.attributes.find((a) => a.name === "params").default, undefined);
  for (const name of BOOLEAN_ATTRIBUTES) assert.equal(typeOf(name), "boolean", name);
});

test("the manifest's properties: state read-only with its states, every public member described once, events with detail types", () => {
  const state = element.members.find((m) => m.name === "state");
  assert.equal(state.readonly, true);
  assert.equal(state.type.text, union(STATES));
  assert.ok(!element.attributes.some((a) => a.name === "state"), "state is not offered as an attribute to set");
  const keys = element.members.map((m) => `${m.static ? "static " : ""}${m.name}`);
  assert.deepEqual(keys, [...new Set(keys)], "each member once");
  for (const member of element.members) assert.ok(member.description?.trim(), `${member.name} is described`);
  const events = Object.fromEntries(element.events.map((e) => [e.name, e.type?.text]));
  assert.deepEqual(events, {
    "live-plot-ready": "CustomEvent<Record<string, never>>",
    "live-plot-state": `CustomEvent<{ state: ${union(STATES)} }>`,
    "live-plot-stats": "CustomEvent<PlotStats>",
    "live-plot-finished": "CustomEvent<{ snapshot: Snapshot }>",
    "live-plot-error": "CustomEvent<ErrorInfo>",
    "live-plot-restarted": "CustomEvent<ErrorInfo>",
    "live-plot-view": "CustomEvent<PlotViewRanges & { following: boolean }>",
  });
});

test("VS Code's custom data offers every attribute, described, with the values of job, backend and offscreen; boolean ones take no value", async () => {
  const { observed, jobs, backends } = await facts();
  const [tag, ...others] = vsCode.tags;
  assert.equal(others.length, 0);
  assert.equal(tag.name, "live-plot");
  assert.deepEqual(sorted(tag.attributes.map((a) => a.name)), sorted(observed));
  const byName = Object.fromEntries(tag.attributes.map((a) => [a.name, a]));
  for (const attribute of tag.attributes) {
    assert.equal(attribute.description.kind, "markdown");
    assert.ok(attribute.description.value.trim().length > 10, `${attribute.name} is described`);
    assert.equal(attribute.valueSet, BOOLEAN_ATTRIBUTES.includes(attribute.name) ? "v" : undefined, attribute.name);
  }
  const values = (name) => byName[name].values?.map((v) => v.name);
  assert.deepEqual(values("job"), jobs);
  assert.deepEqual(values("backend"), backends);
  assert.deepEqual(values("offscreen"), ["pause", "run"]);
  assert.equal(values("plot-title"), undefined);
  // The tag's own description names each event with its detail type.
  for (const event of element.events) assert.ok(tag.description.value.includes(`\`${event.name}\` (\`${event.type.text}\`)`), event.name);
});

test("JetBrains web-types, referenced from package.json: the element's attributes, read-only state, events and CSS parts", async () => {
  const { observed } = await facts();
  const pkg = await readJson("package.json");
  assert.equal(pkg["web-types"], "./dist/web-types.json");
  assert.ok(pkg.files.includes("dist/web-types.json") && pkg.files.includes("dist/vscode.html-custom-data.json"), "both ship in the package");
  assert.equal(webTypes.name, pkg.name);
  assert.equal(webTypes.version, pkg.version);
  const [tag] = webTypes.contributions.html.elements;
  assert.equal(tag.name, "live-plot");
  assert.deepEqual(sorted(tag.attributes.map((a) => a.name)), sorted(observed));
  for (const attribute of tag.attributes) {
    assert.deepEqual(attribute.value, BOOLEAN_ATTRIBUTES.includes(attribute.name) ? { kind: "no-value" } : { type: element.attributes.find((a) => a.name === attribute.name).type.text });
  }
  const state = tag.js.properties.find((p) => p.name === "state");
  assert.deepEqual(state, { name: "state", description: state.description, type: union(STATES), "read-only": true });
  assert.equal(tag.js.properties.filter((p) => p["read-only"]).length, 2, "state and ready are the read-only ones");
  assert.deepEqual(sorted(tag.events.map((e) => e.name)), sorted(element.events.map((e) => e.name)));
  assert.deepEqual(
    webTypes.contributions.css["pseudo-elements"].map((p) => p.name),
    element.cssParts.map((p) => `part(${p.name})`),
  );
});
