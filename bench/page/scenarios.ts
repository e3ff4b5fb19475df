// Which scenarios to run: the defaults, or those named in the page's query. Pure (no DOM), so the
// rules are unit-tested; a bad value is refused with a message that says what to fix.
import { BACKENDS, MODES, type Backend, type Mode, type Scenario } from "./results.js";

/** The default scenarios: the seed's wave at a light and a heavy size, and a page of four plots. */
export const DEFAULT_SCENARIOS: readonly Scenario[] = [
  { job: "wave", params: {}, points: 1000, plots: 1, backend: "canvas" },
  { job: "wave", params: {}, points: 100_000, plots: 1, backend: "canvas" },
  { job: "wave", params: {}, points: 1000, plots: 4, backend: "canvas" },
];

export const DEFAULT_DURATION_MS = 5000;
export const MAX_PLOTS = 16;

export interface BenchPlan {
  scenarios: Scenario[];
  modes: Mode[];
  durationMs: number;
  /** Run at once, unattended (`?auto`). */
  auto: boolean;
  /** Feed the live chart while measuring (off with `live=0`, and in `auto` runs unless `live=1`). */
  live: boolean;
}

const refuse = (message: string) => new Error(`bench: ${message}`);

function positiveInteger(name: string, text: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) throw refuse(`${name} must be a whole number from 1 to ${max}, got "${text}"`);
  return value;
}

/** A field's text: the form's as it is, a JSON query's value as JSON (a number or an object alike). */
const fieldText = (value: unknown) => (value === undefined || value === null ? undefined : typeof value === "string" ? value : JSON.stringify(value));

/** A scenario from loose fields (the form's texts, or an object of a query's `scenarios`), checked. */
export function scenarioFrom(raw: { job?: unknown; params?: unknown; points?: unknown; plots?: unknown; backend?: unknown }): Scenario {
  const fields = { job: fieldText(raw.job), params: fieldText(raw.params), points: fieldText(raw.points), plots: fieldText(raw.plots), backend: fieldText(raw.backend) };
  const job = (fields.job ?? "wave").trim();
  if (!job) throw refuse("job must be a built-in job's name or a job module's URL");
  let params: unknown = {};
  if (fields.params?.trim()) {
    try {
      params = JSON.parse(fields.params);
    } catch {
      throw refuse(`params must be a JSON object, got ${fields.params}`);
    }
  }
  if (typeof params !== "object" || params === null || Array.isArray(params)) throw refuse(`params must be a JSON object, got ${fields.params}`);
  const backend = (fields.backend || "canvas") as Backend;
  if (!BACKENDS.includes(backend)) throw refuse(`backend must be one of ${BACKENDS.join(", ")}, got "${fields.backend}"`);
  return {
    job,
    params: params as Record<string, unknown>,
    ...(fields.points?.trim() ? { points: positiveInteger("points", fields.points, 10_000_000) } : {}),
    plots: fields.plots?.trim() ? positiveInteger("plots", fields.plots, MAX_PLOTS) : 1,
    backend,
  };
}

/** A stable id for a scenario: what two runs are matched by. */
export function scenarioId(s: Scenario): string {
  return JSON.stringify([s.job, s.params, s.points ?? null, s.plots, s.backend]);
}

/**
 * The plan from a query string: `job`, `params`, `points`, `plots`, `backend` name one scenario (or
 * `scenarios`, a JSON array of such objects, several); `modes` (comma-separated), `duration` (ms per
 * mode), `auto`, `live`.
 */
export function planFrom(query: string): BenchPlan {
  const q = new URLSearchParams(query);
  const get = (name: string) => q.get(name) ?? undefined;
  let scenarios: Scenario[];
  if (q.has("scenarios")) {
    let list: unknown;
    try {
      list = JSON.parse(q.get("scenarios")!);
    } catch {
      throw refuse("scenarios must be a JSON array of {job, params, points, plots, backend}");
    }
    if (!Array.isArray(list) || list.length === 0) throw refuse("scenarios must be a non-empty JSON array");
    scenarios = list.map((item: unknown) => scenarioFrom(typeof item === "object" && item !== null ? item : { job: item }));
  } else if (["job", "params", "points", "plots", "backend"].some((name) => q.has(name))) {
    scenarios = [scenarioFrom({ job: get("job"), params: get("params"), points: get("points"), plots: get("plots"), backend: get("backend") })];
  } else scenarios = DEFAULT_SCENARIOS.map((s) => ({ ...s }));
  const modes = (get("modes") ?? MODES.join(",")).split(",").map((m) => m.trim()) as Mode[];
  const unknown = modes.find((mode) => !MODES.includes(mode));
  if (unknown !== undefined) throw refuse(`modes are ${MODES.join(", ")}, got "${unknown}"`);
  const durationMs = q.has("duration") ? positiveInteger("duration (ms)", q.get("duration")!, 600_000) : DEFAULT_DURATION_MS;
  const auto = q.has("auto");
  return { scenarios, modes: MODES.filter((mode) => modes.includes(mode)), durationMs, auto, live: q.has("live") ? q.get("live") !== "0" : !auto };
}
