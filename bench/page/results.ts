// What a benchmark run produces (the JSON the page exports, `window.liveplotBench`, the CLI's file),
// the figures read from it, and the tables made of them: the summary with ratios to both peers, and
// the comparison of two runs. Pure (no DOM), shared by the page and the CLI.
import type { Blocking } from "./frame-window.js";
import { ratio, type FrameTimes } from "./stats.js";

/** How the same job is drawn: the element (numerics in its worker), or on the main thread by BokehJS or uPlot. */
export const MODES = ["live-plot", "main-thread", "uplot"] as const;
export type Mode = (typeof MODES)[number];
/** The approaches live-plot is compared with. */
export const PEERS = ["main-thread", "uplot"] as const satisfies readonly Mode[];

export const BACKENDS = ["canvas", "webgl", "svg"] as const;
export type Backend = (typeof BACKENDS)[number];

export interface Scenario {
  /** A built-in job's name or a job module's URL. */
  job: string;
  /** The job's params; `points` (when given) is set as params.points. */
  params: Record<string, unknown>;
  points?: number;
  plots: number;
  backend: Backend;
}

export interface ModeResult {
  mode: Mode;
  /** Why the mode could not run this scenario (the figures below are then absent). */
  error?: string;
  /** Frames shown per second, per plot. */
  fps?: number;
  /** Animation-frame intervals (ms) over the measured window. */
  frameMs?: FrameTimes;
  /** Animation frames in the window, and its length. */
  animationFrames?: number;
  seconds?: number;
  /** Refreshes missed (intervals over 1.5 refresh periods), and per second. */
  droppedFrames?: number;
  droppedPerSecond?: number;
  /**
   * Long Animation Frames and long tasks (over 50 ms; each blocks for its time past 50 ms): null where
   * the browser does not report them. Headless Chromium reports few animation frames as long, even
   * at 200 ms a frame, but every such task: both are kept.
   */
  longFrames?: Blocking | null;
  longTasks?: Blocking | null;
  /** Key events while it ran: how many, how many took 16 ms or more to be shown, the longest (Event Timing). */
  input?: {
    keystrokes: number;
    slowEvents: number;
    worstMs: number | null;
    /** Keys the CLI sent in the window (a page too busy to handle any has 0 keystrokes, not "no input"). */
    sent?: number;
  } | null;
  /** Simulation steps per second, per plot. */
  simRate?: number;
  /** From mounting the plots to every plot having shown a frame. */
  firstFrameMs?: number;
  /** The benchmark's own bookkeeping per animation frame, and the frames left out of that figure as interrupted (a tick over 1 ms). */
  overheadMsPerFrame?: number;
  interruptedFrames?: number;
  /**
   * Chromium's main-thread busy time per animation frame, added by the CLI: CDP TaskDuration's share
   * of the window's first half, times the window's mean frame interval.
   */
  taskMsPerFrame?: number;
}

export interface ScenarioResult {
  id: string;
  scenario: Scenario;
  modes: Partial<Record<Mode, ModeResult>>;
  /** live-plot's figures over each peer's (RATIO_FIGURES; null where either is missing or the peer's is 0). */
  ratios?: Partial<Record<(typeof PEERS)[number], Record<string, number | null>>>;
}

export interface BenchRun {
  version: 1;
  date: string;
  userAgent: string;
  /** The display: the refresh period estimated from idle animation frames. */
  refresh: { periodMs: number; hz: number };
  durationMs: number;
  /** Filled in by the CLI. */
  machine?: { cpu: string; cores: number; chromium: string; headless: boolean };
  scenarios: ScenarioResult[];
}

/** A figure of a mode's result, how it reads, and which way is better. */
interface Figure {
  key: string;
  label: string;
  digits: number;
  better: "higher" | "lower";
  read: (result: ModeResult) => number | null | undefined;
  /** What to show instead of the number, where the number alone would mislead. */
  text?: (result: ModeResult) => string | undefined;
}

/** Event Timing reports only events of 16 ms or more: with keystrokes but none reported, all were faster. */
function inputText({ input }: ModeResult): string | undefined {
  if (input === undefined) return undefined;
  if (input === null) return "unsupported";
  if (input.keystrokes === 0) return input.sent ? `0 of ${input.sent} handled` : "no input";
  return input.worstMs === null ? "< 16" : undefined;
}

export const FIGURES: readonly Figure[] = [
  { key: "fps", label: "fps", digits: 1, better: "higher", read: (r) => r.fps },
  { key: "p50", label: "p50 ms", digits: 1, better: "lower", read: (r) => r.frameMs?.p50 },
  { key: "p95", label: "p95 ms", digits: 1, better: "lower", read: (r) => r.frameMs?.p95 },
  { key: "p99", label: "p99 ms", digits: 1, better: "lower", read: (r) => r.frameMs?.p99 },
  { key: "dropped", label: "dropped/s", digits: 1, better: "lower", read: (r) => r.droppedPerSecond },
  { key: "blocking", label: "LoAF block ms/s", digits: 1, better: "lower", read: (r) => r.longFrames?.blockingMsPerSecond },
  { key: "tasks", label: "long-task block ms/s", digits: 1, better: "lower", read: (r) => r.longTasks?.blockingMsPerSecond },
  { key: "input", label: "worst input ms", digits: 0, better: "lower", read: (r) => r.input?.worstMs, text: inputText },
  { key: "sim", label: "steps/s", digits: 0, better: "higher", read: (r) => r.simRate },
  { key: "first", label: "1st frame ms", digits: 0, better: "lower", read: (r) => r.firstFrameMs },
  { key: "task", label: "task ms/frame", digits: 2, better: "lower", read: (r) => r.taskMsPerFrame },
  { key: "overhead", label: "bench ms/frame", digits: 3, better: "lower", read: (r) => r.overheadMsPerFrame },
];

/** The figures each scenario's live-plot result is divided by its peers' in the summary. */
export const RATIO_FIGURES = ["fps", "p95", "task"] as const;

const figure = (key: string) => FIGURES.find((f) => f.key === key)!;

/** live-plot's figure over a peer's for one scenario (null where either is missing or the peer's is 0). */
export function ratioToPeer(scenario: ScenarioResult, key: string, peer: Mode): number | null {
  const { read } = figure(key);
  const live = scenario.modes["live-plot"];
  const other = scenario.modes[peer];
  return live && other ? ratio(read(live), read(other)) : null;
}

/** Writes every scenario's ratios to both peers into the run (again, once the CLI has added its figures). */
export function addRatios(run: BenchRun): BenchRun {
  for (const s of run.scenarios) {
    s.ratios = Object.fromEntries(PEERS.map((peer) => [peer, Object.fromEntries(RATIO_FIGURES.map((key) => [key, ratioToPeer(s, key, peer)]))]));
  }
  return run;
}

/** The benchmark's own bookkeeping must stay under this many ms per frame, or its figures mislead. */
export const OVERHEAD_LIMIT_MS = 0.2;

/** The scenarios and modes whose bookkeeping went over OVERHEAD_LIMIT_MS per frame, named. */
export function overheadOverLimit(run: BenchRun): string[] {
  return run.scenarios.flatMap((s) => MODES.filter((mode) => (s.modes[mode]?.overheadMsPerFrame ?? 0) > OVERHEAD_LIMIT_MS).map((mode) => `${scenarioLabel(s.scenario)}: ${mode}`));
}

/** A short name for a scenario: its job, points, plots and backend. */
export function scenarioLabel({ job, points, plots, backend }: Scenario): string {
  return [job, points === undefined ? "" : `${points} pts`, `${plots} plot${plots === 1 ? "" : "s"}`, backend === "canvas" ? "" : backend].filter(Boolean).join(", ");
}

export function formatNumber(value: number | null | undefined, digits: number): string {
  if (value == null || !Number.isFinite(value)) return "–";
  return value.toFixed(digits);
}

const formatRatio = (value: number | null) => (value === null ? "–" : value.toPrecision(2));

/** Which figures a run has at all (the CLI's task ms only where the CLI measured it). */
function figuresIn(runs: readonly BenchRun[]): Figure[] {
  const results = runs.flatMap((run) => run.scenarios.flatMap((s) => Object.values(s.modes)));
  return FIGURES.filter((f) => results.some((r) => r && (f.read(r) != null || f.text?.(r) !== undefined)));
}

export interface Table {
  header: string[];
  rows: string[][];
}

/** The figures and ratios a terminal (and README) has room for; the page and the HTML report show all. */
export const COMPACT = { figures: ["fps", "p95", "dropped", "tasks", "input", "first", "task", "overhead"], ratios: ["fps", "task"] } as const;

/**
 * One row per scenario and mode with its figures, and on live-plot's row its ratios to both peers;
 * `only` keeps some of the figures and ratios.
 */
export function summaryTable(run: BenchRun, only?: { figures: readonly string[]; ratios: readonly string[] }): Table {
  const figures = figuresIn([run]).filter((f) => !only || only.figures.includes(f.key));
  const ratios = RATIO_FIGURES.filter((key) => figures.some((f) => f.key === key) && (!only || only.ratios.includes(key)));
  const header = ["scenario", "mode", ...figures.map((f) => f.label), ...PEERS.flatMap((peer) => ratios.map((key) => `${figure(key).label} ÷ ${peer}`))];
  const rows = run.scenarios.flatMap((s) =>
    MODES.filter((mode) => s.modes[mode]).map((mode) => {
      const result = s.modes[mode]!;
      const cells = result.error ? figures.map((_, i) => (i === 0 ? `error: ${result.error}` : "")) : figures.map((f) => f.text?.(result) ?? formatNumber(f.read(result), f.digits));
      const ratioCells = PEERS.flatMap((peer) => ratios.map((key) => (mode === "live-plot" ? formatRatio(ratioToPeer(s, key, peer)) : "")));
      return [scenarioLabel(s.scenario), mode, ...cells, ...ratioCells];
    }),
  );
  return { header, rows };
}

/**
 * What a person looks at first: per scenario and figure (fps, p95, dropped frames), each mode's value
 * side by side and live-plot's over each peer's.
 */
export function glanceTable(run: BenchRun): Table {
  const header = ["scenario", "figure", ...MODES, ...PEERS.map((peer) => `live-plot ÷ ${peer}`)];
  const rows = run.scenarios.flatMap((s) =>
    ["fps", "p95", "dropped"].map(figure).map((f) => [
      scenarioLabel(s.scenario),
      f.label,
      ...MODES.map((mode) => {
        const result = s.modes[mode];
        if (!result) return "";
        return result.error ? "error" : formatNumber(f.read(result), f.digits);
      }),
      ...PEERS.map((peer) => formatRatio(ratioToPeer(s, f.key, peer))),
    ]),
  );
  return { header, rows };
}

/** Two runs side by side: every figure of every scenario and mode both have, and B over A. */
export function compareTable(a: BenchRun, b: BenchRun): Table {
  const figures = figuresIn([a, b]).filter((f) => f.key !== "overhead");
  const rows: string[][] = [];
  for (const before of a.scenarios) {
    const after = b.scenarios.find((s) => s.id === before.id);
    if (!after) continue;
    for (const mode of MODES) {
      const [x, y] = [before.modes[mode], after.modes[mode]];
      if (!x || !y || x.error || y.error) continue;
      for (const f of figures) {
        const [u, v] = [f.read(x), f.read(y)];
        if (u == null || v == null) continue;
        rows.push([scenarioLabel(before.scenario), mode, f.label, formatNumber(u, f.digits), formatNumber(v, f.digits), formatRatio(ratio(v, u))]);
      }
    }
  }
  return { header: ["scenario", "mode", "figure", "A", "B", "B ÷ A"], rows };
}

/** A table as aligned text, for a terminal or a README. */
export function tableText({ header, rows }: Table): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ").trimEnd();
  return [line(header), ...rows.map(line)].join("\n");
}

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A table as HTML (every cell escaped: a job URL is the user's text). */
export function tableHtml({ header, rows }: Table): string {
  const cells = (tag: string, row: string[]) => `<tr>${row.map((cell) => `<${tag}>${escapeHtml(cell)}</${tag}>`).join("")}</tr>`;
  return `<table><thead>${cells("th", header)}</thead><tbody>${rows.map((row) => cells("td", row)).join("")}</tbody></table>`;
}
