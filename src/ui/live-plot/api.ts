// The public surface of <live-plot>, as types only: what the package's declarations export, so that
// users get it without BokehJS's or Lit's types. `LivePlot` implements it, which keeps the two in step.
// `@attr` names a property's kebab-case attribute for tools that read declarations (lit-analyzer).
import type { ErrorInfo } from "../../protocol/errors.js";
import type { BuiltinJob } from "../../protocol/jobs.js";
import type { ExportedData, PlotState, PlotStats, PlotViewRanges, Snapshot } from "../../protocol/types.js";
import type { Backend } from "../bokeh/backends.js";

export interface LivePlotElement extends HTMLElement {
  /** A built-in job name, or the URL of a job module (resolved against the page). */
  job: BuiltinJob | (string & {}) | undefined;
  /** Job parameters: set an object (or JSON text); changes apply live where the job allows. */
  get params(): Record<string, unknown>;
  set params(value: Record<string, unknown> | string | null);
  /** Start as soon as the plot is ready. */
  autostart: boolean;
  /** Show Start/Stop, Step and Reset buttons. */
  controls: boolean;
  /** Show BokehJS's toolbar: pan, zoom, reset, save. */
  tools: boolean;
  /**
   * Show the live readout (fps, dropped frames, simulation rate).
   * @attr stats
   */
  showStats: boolean;
  /** CSS pixels; default: the container's width. */
  width: number | undefined;
  /** CSS pixels; default 300. */
  height: number | undefined;
  /**
   * The plot's title; a change shows at once.
   * @attr plot-title
   */
  plotTitle: string | undefined;
  /** @attr x-label */
  xLabel: string | undefined;
  /** @attr y-label */
  yLabel: string | undefined;
  /**
   * `auto` (follow the data) or `min,max`.
   * @attr x-range
   */
  xRange: string | undefined;
  /**
   * `auto` (follow the data) or `min,max`.
   * @attr y-range
   */
  yRange: string | undefined;
  /** BokehJS's output backend. */
  backend: Backend | undefined;
  /**
   * How many of the newest points a trail keeps (default 5000).
   * @attr max-points
   */
  maxPoints: number | undefined;
  /**
   * Load the engine worker from this URL instead of the inlined one.
   * @attr engine-url
   */
  engineUrl: string | undefined;
  /** Out of sight: "pause" (default) or "run" (keep simulating, draw nothing). */
  offscreen: "pause" | "run" | undefined;
  /** Plots with the same `link` share their x range (zoom, pan) and the hover readout's x. */
  link: string | undefined;
  /** What the main panel shows; set it to zoom there, `null` to follow the live data again. */
  get view(): PlotViewRanges | undefined;
  set view(value: PlotViewRanges | null);
  /** `loading`, `ready`, `running`, `stopped`, `finished` or `error`; reflected as an attribute for CSS. */
  readonly state: PlotState;
  readonly ready: Promise<void>;
  /**
   * Reading: the live figures. Setting: what the `stats` attribute means (frameworks set properties):
   * true, or any text as an attribute's presence, shows the readout; false, null or undefined hides it.
   */
  get stats(): PlotStats;
  set stats(show: boolean | string | null | undefined);
  start(): Promise<void>;
  stop(): Promise<void>;
  step(frames?: number): Promise<void>;
  reset(): Promise<void>;
  snapshot(): Promise<Snapshot>;
  /**
   * Rows of the page's own data for `job="stream"`: one array per series, and `x` unless x is the
   * row index, all of one length. Float64Arrays are transferred (the caller gives them up).
   */
  push(columns: Record<string, ArrayLike<number>>): void;
  /** A PNG of the whole plot, every panel. */
  toBlob(): Promise<Blob>;
  /** The full-resolution data the worker holds: per source, its columns, oldest row first. */
  exportData(): Promise<ExportedData>;
  /** The same as CSV text. */
  exportCsv(): Promise<string>;
}

export interface LivePlotConstructor {
  new (): LivePlotElement;
  prototype: LivePlotElement;
  /** The page-wide default for `engine-url`. */
  engineUrl: string | undefined;
  /** Origins besides the page's own from which plots may load modules and data files. */
  allowedOrigins: string[];
  /** How long a control call may go unanswered before its worker counts as hung (ms, default 15000). */
  callTimeoutMs: number;
  /** Engine workers and BokehJS documents alive on the page, for leak checks. */
  resources(): { workers: number; documents: number };
}

export interface LivePlotEventMap {
  "live-plot-ready": CustomEvent<Record<string, never>>;
  "live-plot-state": CustomEvent<{ state: PlotState }>;
  "live-plot-stats": CustomEvent<PlotStats>;
  "live-plot-finished": CustomEvent<{ snapshot: Snapshot }>;
  "live-plot-error": CustomEvent<ErrorInfo>;
  "live-plot-view": CustomEvent<PlotViewRanges & { following: boolean }>;
  "live-plot-restarted": CustomEvent<ErrorInfo>;
}
