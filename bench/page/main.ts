// demos/bench.html: choose scenarios, run them in this browser, see the results as live-plot charts
// and a table of ratios to both peers, export them, compare two runs. `?auto` runs the plan from the
// query unattended and leaves the run in window.liveplotBench and #results.
import { errorMessage } from "../../src/protocol/index.js";
import type { LivePlotElement } from "../../src/public-types.js";
import { frameIntervals } from "./frame-window.js";
import { addRatios, compareTable, glanceTable, MODES, OVERHEAD_LIMIT_MS, overheadOverLimit, scenarioLabel, summaryTable, tableHtml, type BenchRun, type Mode, type Scenario, type ScenarioResult } from "./results.js";
import { planFrom, scenarioFrom, type BenchPlan } from "./scenarios.js";
import { refreshPeriod } from "./stats.js";
import { runPlan } from "./runner.js";

declare global {
  interface Window {
    /** The latest run (or `{error}` when the plan could not be read), for scripts and the CLI. */
    liveplotBench?: BenchRun | { error: string };
  }
}

const element = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const field = (id: string) => element<HTMLInputElement>(id).value;

const status = element<HTMLParagraphElement>("status");
const errorBox = element<HTMLParagraphElement>("error");
const liveFrames = element<LivePlotElement>("live-frames");
/** The live chart's series (bench.html names them in its params). */
const [INTERVAL, FPS] = ["frame interval (ms)", "delivered fps"];

function showError(message: string | undefined): void {
  errorBox.hidden = message === undefined;
  errorBox.textContent = message ?? "";
}

/** The scenarios queued on the page, listed with a button each to take them out. */
class ScenarioList {
  private items: Scenario[] = [];
  private readonly list = element<HTMLOListElement>("scenario-list");

  set(scenarios: Scenario[]): void {
    this.items = scenarios;
    this.render();
  }

  add(scenario: Scenario): void {
    this.set([...this.items, scenario]);
  }

  get scenarios(): Scenario[] {
    return this.items;
  }

  private render(): void {
    this.list.replaceChildren(
      ...this.items.map((scenario, i) => {
        const item = document.createElement("li");
        const remove = document.createElement("button");
        remove.type = "button";
        remove.textContent = "remove";
        remove.addEventListener("click", () => this.set(this.items.filter((_, k) => k !== i)));
        item.append(`${scenarioLabel(scenario)}${Object.keys(scenario.params).length ? ` ${JSON.stringify(scenario.params)}` : ""} `, remove);
        return item;
      }),
    );
  }
}

/** A scenario's frame-interval distribution per mode, as a live-plot stream of percentiles. */
async function distributionChart(result: ScenarioResult): Promise<void> {
  const modes = MODES.filter((mode) => result.modes[mode]);
  const chart = document.createElement("live-plot") as LivePlotElement;
  const attributes = {
    job: "stream",
    params: JSON.stringify({ series: modes, x: "value", window: 101 }),
    "plot-title": `Frame intervals: ${scenarioLabel(result.scenario)}`,
    "x-label": "percentile",
    "y-label": "ms",
    height: "220",
  };
  for (const [name, value] of Object.entries(attributes)) chart.setAttribute(name, value);
  chart.toggleAttribute("autostart", true);
  element("distributions").append(chart);
  await chart.ready;
  const columns: Record<string, number[]> = { x: Array.from({ length: 101 }, (_, p) => p) };
  for (const mode of modes) columns[mode] = result.modes[mode]!.frameMs?.distribution ?? columns.x!.map(() => Number.NaN);
  chart.push(columns);
}

/** The latest finished run on this page. */
let latest: BenchRun | undefined;

/** A finished run: its JSON for scripts (window.liveplotBench, #results) and for export. */
function finish(run: BenchRun): void {
  addRatios(run);
  latest = run;
  window.liveplotBench = run;
  element("results").textContent = JSON.stringify(run, null, 2);
  element<HTMLButtonElement>("export").disabled = false;
}

async function run(plan: BenchPlan): Promise<BenchRun> {
  const runButton = element<HTMLButtonElement>("run");
  runButton.disabled = true;
  showError(undefined);
  element("distributions").replaceChildren();
  element("stage").scrollIntoView({ block: "center" });
  try {
    const result = await runPlan(plan, {
      stage: element("stage"),
      typing: element("typing"),
      onMode: (index, mode) => {
        status.textContent = `Scenario ${index + 1} of ${plan.scenarios.length} (${scenarioLabel(plan.scenarios[index]!)}): ${mode}, ${plan.durationMs / 1000} s. Type in the box below to measure input latency.`;
      },
      onFrames: plan.live ? (intervals, fps) => liveFrames.push({ [INTERVAL]: intervals, [FPS]: new Float64Array(intervals.length).fill(fps) }) : undefined,
      onScenario: (scenario, partial) => {
        element("glance").innerHTML = tableHtml(glanceTable(partial));
        element("summary").innerHTML = tableHtml(summaryTable(partial));
        distributionChart(scenario).catch((error) => showError(`The distribution chart failed: ${errorMessage(error)}`));
      },
    });
    const over = overheadOverLimit(result);
    status.textContent = `Done: ${result.scenarios.length} scenario(s), display at ${result.refresh.hz.toFixed(0)} Hz.${over.length ? ` The benchmark's own bookkeeping took over ${OVERHEAD_LIMIT_MS} ms per frame in ${over.join("; ")}: those figures are not to be trusted.` : ""}`;
    finish(result);
    return result;
  } finally {
    runButton.disabled = false;
  }
}

function exportRun(): void {
  if (!latest) return;
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob([JSON.stringify(latest, null, 2)], { type: "application/json" }));
  link.download = `liveplot-bench-${latest.date.slice(0, 19).replaceAll(":", "-")}.json`;
  link.click();
  URL.revokeObjectURL(link.href);
}

async function readRun(file: File): Promise<BenchRun> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    throw new Error(`${file.name} is not JSON`);
  }
  const candidate = parsed as Partial<BenchRun> | null;
  if (candidate?.version !== 1 || !Array.isArray(candidate.scenarios)) throw new Error(`${file.name} is not a live-plot benchmark run (no version 1 and scenarios)`);
  return candidate as BenchRun;
}

async function compareFiles(files: FileList): Promise<void> {
  const runs = await Promise.all([...files].slice(0, 2).map(readRun));
  const [a, b] = runs.length === 2 ? runs : [runs[0]!, latest];
  if (!b) throw new Error("Run the benchmark first, or choose two files");
  const table = compareTable(a!, b);
  const title = document.createElement("p");
  title.textContent = `A: ${a!.date} (${a!.userAgent}) · B: ${b.date} (${b.userAgent})`;
  element("comparison").replaceChildren(title);
  element("comparison").insertAdjacentHTML("beforeend", table.rows.length ? tableHtml(table) : "<p>The runs have no scenario in common.</p>");
}

/** The form's mode checkboxes and duration, with the queued scenarios. */
function planFromPage(list: ScenarioList): BenchPlan {
  const modes = [...document.querySelectorAll<HTMLInputElement>("input[name=mode]:checked")].map((box) => box.value as Mode);
  if (modes.length === 0) throw new Error("Choose at least one mode");
  if (list.scenarios.length === 0) throw new Error("Add a scenario first");
  const seconds = Number(field("duration"));
  if (!(seconds >= 1 && seconds <= 600)) throw new Error(`seconds per mode must be from 1 to 600, got "${field("duration")}"`);
  return { scenarios: list.scenarios, modes, durationMs: seconds * 1000, auto: false, live: element<HTMLInputElement>("live").checked };
}

async function main(): Promise<void> {
  const list = new ScenarioList();
  let plan: BenchPlan;
  try {
    plan = planFrom(location.search);
  } catch (error) {
    showError(errorMessage(error));
    window.liveplotBench = { error: errorMessage(error) };
    element("results").textContent = JSON.stringify(window.liveplotBench);
    return;
  }
  list.set(plan.scenarios);
  for (const box of document.querySelectorAll<HTMLInputElement>("input[name=mode]")) box.checked = plan.modes.includes(box.value as Mode);
  element<HTMLInputElement>("duration").value = String(plan.durationMs / 1000);
  element<HTMLInputElement>("live").checked = plan.live;

  element("scenario-form").addEventListener("submit", (event) => {
    event.preventDefault();
    try {
      list.add(scenarioFrom({ job: field("job"), params: field("params"), points: field("points"), plots: field("plots"), backend: field("backend") }));
      showError(undefined);
    } catch (error) {
      showError(errorMessage(error));
    }
  });
  element("run").addEventListener("click", () => {
    try {
      void run(planFromPage(list)).catch((error) => showError(errorMessage(error)));
    } catch (error) {
      showError(errorMessage(error));
    }
  });
  element("export").addEventListener("click", exportRun);
  element<HTMLInputElement>("import").addEventListener("change", (event) => {
    const files = (event.target as HTMLInputElement).files;
    if (files?.length) compareFiles(files).then(() => showError(undefined), (error) => showError(errorMessage(error)));
  });

  // The display's rate at once, and the idle page's frame intervals in the live chart.
  await liveFrames.ready;
  const idle = await frameIntervals(60);
  element("display").textContent = `This display refreshes at about ${(1000 / refreshPeriod(idle)).toFixed(0)} Hz.`;
  liveFrames.push({ [INTERVAL]: idle, [FPS]: idle.map(() => Number.NaN) });
  if (!plan.live) await liveFrames.stop();
  if (plan.auto) await run(plan);
}

void main().catch((error) => showError(errorMessage(error)));
