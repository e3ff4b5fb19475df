import type { ErrorInfo } from "./errors.js";

// ---------------------------------------------------------------------------------------------
// Scene: what a job draws, described once when the job is created.
// ---------------------------------------------------------------------------------------------

/** Column element types: Float64Array for series, Uint32Array for RGBA images. */
export type ColumnType = "f64" | "u32";

/**
 * A data source: named columns of at most `capacity` elements each.
 *
 * `mode` says what each `write` puts in it. "replace" (the default): the whole series, every
 * frame. "append": only the points added since the previous write (none is fine); the engine keeps
 * the newest `capacity` of them, so a long trail or a stream costs each frame its new points only.
 */
export interface SourceSpec {
  columns: Record<string, ColumnType>;
  capacity: number;
  mode?: "replace" | "append";
}

interface GlyphBase {
  /** Name of a source in `Scene.sources`. */
  source: string;
  color?: string;
  alpha?: number;
  /** What the legend calls it; a glyph without a name is not in the legend. */
  name?: string;
}

export interface LineGlyph extends GlyphBase {
  kind: "line";
  x: string;
  y: string;
  width?: number;
  dash?: "solid" | "dashed" | "dotted";
}

export interface ScatterGlyph extends GlyphBase {
  kind: "scatter";
  x: string;
  y: string;
  size?: number;
}

/**
 * An RGBA image (`image_rgba`): `image` is a u32 column holding `width` × `height` pixels, row 0 at
 * the bottom, each 0xAABBGGRR (little-endian bytes R, G, B, A); it covers [x, x + dw] × [y, y + dh].
 */
export interface ImageGlyph extends ImagePlacement {
  kind: "image";
  source: string;
  image: string;
}

export type GlyphSpec = LineGlyph | ScatterGlyph | ImageGlyph;

/** An axis range: fixed bounds, or "auto" to follow the data. */
export type RangeSpec = "auto" | readonly [number, number];

/** One plot area: its glyphs, texts, ranges and scale. NaN in a line's data breaks the line. */
export interface PanelSpec {
  glyphs: GlyphSpec[];
  title?: string;
  xLabel?: string;
  yLabel?: string;
  xRange?: RangeSpec;
  yRange?: RangeSpec;
  yScale?: "linear" | "log";
  /** "datetime": x is in epoch milliseconds, and the axis shows dates and times (UTC) that suit the span. */
  xAxis?: "linear" | "datetime";
  /**
   * How an "auto" x axis follows the data: "grow" (the default) moves it now and then, with room to
   * grow; "slide" shows exactly the data's x extent every frame, as a window sliding over a stream.
   */
  xFollow?: "grow" | "slide";
  /**
   * With `xAxis: "datetime"` and an "auto" x axis: it shows the last `xWindow` milliseconds up to
   * now, sliding with the clock (new data or not) while the job runs.
   */
  xWindow?: number;
}

/**
 * The main panel (whose texts and ranges the element's attributes override), and optional extra
 * panels stacked below it, all drawing from `sources`.
 */
export interface Scene extends PanelSpec {
  sources: Record<string, SourceSpec>;
  panels?: PanelSpec[];
  /**
   * The extra panels show the main panel's x: one x range for all (series stacked one per panel).
   * A zoom or pan in any panel moves them all; an "auto" x follows the data of every panel, as the
   * main panel's `xFollow` and `xWindow` say.
   */
  sharedX?: boolean;
  /** The rows the page may `push()` to the job, for a job that takes data (its `push` method). */
  accepts?: PushSpec;
}

/**
 * The data a job takes from the page: named series of numbers, pushed row by row, and where each
 * row's x comes from: its index since the first row, an `x` column of epoch milliseconds, or an `x`
 * column of values.
 */
export interface PushSpec {
  series: string[];
  x: "index" | "time" | "value";
  /** Rows the job keeps per series: the page need not send older ones. */
  keep: number;
}

/**
 * Rows pushed by the page, as one chunk: one Float64Array per series (and `x`, unless x is the
 * index), all of `rows` elements.
 */
export interface PushChunk {
  rows: number;
  columns: Record<string, Float64Array>;
}

// ---------------------------------------------------------------------------------------------
// Frames: the buffers a job writes and the page draws.
// ---------------------------------------------------------------------------------------------

export type Column = Float64Array | Uint32Array;

/** The array a column of type `T` is: Float64Array for "f64", Uint32Array for "u32". */
export type ColumnArray<T extends ColumnType> = T extends "u32" ? Uint32Array : Float64Array;

/**
 * One source's part of a frame: full-capacity columns, of which the first `length` are valid. For a
 * source spec `S`, exactly the columns it declares, each of the array type it declares.
 */
export interface FrameSource<S extends SourceSpec = SourceSpec> {
  length: number;
  columns: { [C in keyof S["columns"]]: ColumnArray<S["columns"][C]> };
  /**
   * In frames the engine sends (images it made or reduced): the image's size in pixels and where it
   * lies in data coordinates, for this frame. Absent in what jobs write.
   */
  image?: ImagePlacement;
}

/** An RGBA image's pixel size and the data-space rectangle it covers. */
export interface ImagePlacement {
  width: number;
  height: number;
  x: number;
  y: number;
  dw: number;
  dh: number;
}

/**
 * A frame: one `FrameSource` per scene source. Column buffers travel by transfer. For a scene `S`
 * (declare it with `satisfies Scene` to keep its names and column types), exactly its sources.
 */
export type FrameData<S extends Scene = Scene> = { [K in keyof S["sources"]]: FrameSource<S["sources"][K]> };

/** Work counters a job reports, read by the engine for the simulation rate. */
export interface WorkCounters {
  /** Simulation steps taken since the job was created (what a step is depends on the job). */
  steps: number;
  /** Right-hand-side evaluations, for jobs that integrate an ODE. */
  evals?: number;
  /** For a job fed from a connection (a stream's `url`): its state. */
  connection?: "connecting" | "open" | "closed";
}

// ---------------------------------------------------------------------------------------------
// The job contract: built-in jobs and users' job modules implement exactly this.
// ---------------------------------------------------------------------------------------------

/** Snapshots are plain JSON. */
export type Snapshot = Record<string, unknown>;

/**
 * A job drawing the scene `S`. Typed with its scene (`Job<typeof scene>`), `write` gets a frame
 * whose sources and columns are the ones the scene declares, with their array types.
 */
export interface Job<S extends Scene = Scene> {
  /** What to draw; read once after creation. */
  readonly scene: S;
  /** Advance the simulation by `ms` milliseconds of wall-clock time (the job maps that to its own time). */
  advance(ms: number): void;
  /** Write the current state into `frame`: fill the columns and set each source's `length`. */
  write(frame: FrameData<S>): void;
  /** The current state as JSON. */
  snapshot(): Snapshot;
  /** Work done so far. */
  counters(): WorkCounters;
  /** True once the run is over (the engine then stops it and reports `finished`). */
  readonly finished?: boolean;
  /** Apply new parameters to the running job; return false when they need a restart instead. */
  update?(params: Record<string, unknown>): boolean;
  /**
   * Rows the page pushed (`plot.push()`), oldest first, as its scene's `accepts` describes them;
   * `skipped` rows came before these and were dropped on the way (more than the job keeps). Only
   * for jobs whose scene has `accepts`.
   */
  push?(chunks: PushChunk[], skipped: number): void;
  /** Let go of what the job holds outside the engine (a connection, a timer): it is being removed or restarted. */
  dispose?(): void;
}

export interface JobContext {
  /** How many of the newest points a streaming series keeps (`max-points`), or undefined for the job's default. */
  maxPoints: number | undefined;
  /** The page's base URL, to resolve URLs given in params (the worker runs from a blob: URL). */
  baseUrl: string;
  /**
   * The plot area in device pixels. Jobs whose frames are images need not send more pixels than
   * this: work in proportion to pixels on screen, not to the size of the simulation.
   */
  viewport: { width: number; height: number };
}

/**
 * A job module's default export. Validate `params` (throw `LivePlotError("invalid-params", …)`
 * with a message that says what to fix) and return the job in its initial state.
 */
export type JobFactory<S extends Scene = Scene> = (params: Record<string, unknown>, context: JobContext) => Job<S> | Promise<Job<S>>;

// ---------------------------------------------------------------------------------------------
// Control plane (Comlink): the engine API. Calls answer with a Result, never a thrown error,
// because Comlink strips the error code.
// ---------------------------------------------------------------------------------------------

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface JobSpec {
  /** A built-in job name, or an absolute module URL. */
  job: string;
  params: Record<string, unknown>;
  context: JobContext;
}

/** The sequence number of the frame that shows the state as of a call: the page waits to draw it. */
export interface Shown {
  seq: number;
}

export interface EngineApi {
  /** Create a job; frames and events for it go to `port`. Answers with its id and scene. */
  create(spec: JobSpec, port: MessagePort): Promise<Result<{ id: number; scene: Scene }>>;
  /** New params: applied live when the job allows, else the job restarts (`restarted: true`). */
  configure(id: number, params: Record<string, unknown>): Promise<Result<Shown & { restarted: boolean; scene: Scene }>>;
  start(id: number): Promise<Result<void>>;
  /** Stop, and send the state it stopped at. */
  stop(id: number): Promise<Result<Shown>>;
  /**
   * Advance `frames` frames of 1/60 s each, in slices between everything else the worker does, and
   * send the result as one frame. Answers when done, or when `stop()` or a reset cuts it short.
   */
  step(id: number, frames: number): Promise<Result<Shown>>;
  /** Return to the initial state and send it as a frame. */
  reset(id: number): Promise<Result<Shown>>;
  snapshot(id: number): Promise<Result<Snapshot>>;
  dispose(id: number): Promise<Result<void>>;
  /** Answers at once: the page's watchdog asks it when frames stop, to tell a busy worker from a hung one. */
  ping(): Promise<Result<void>>;
}

// ---------------------------------------------------------------------------------------------
// Data plane: one MessagePort per job.
// ---------------------------------------------------------------------------------------------

/** The ranges a frame was reduced for, per panel (main panel first): what the page shows. */
export interface PanelRanges {
  x: readonly [number, number];
  y: readonly [number, number];
}

/** A job's data as the engine holds it: per source, its columns of equal length, oldest row first. */
export type ExportedData = Record<string, Record<string, Column>>;

/** Worker → page. */
export type WorkerMessage =
  | { type: "frame"; seq: number; data: FrameData; counters: WorkCounters; ranges: PanelRanges[] }
  | { type: "finished"; snapshot: Snapshot }
  | { type: "error"; error: ErrorInfo }
  /** The answer to an ExportMessage: the data, its buffers transferred; or why there is none. */
  | { type: "exported"; request: number; data: ExportedData }
  | { type: "export-failed"; request: number; error: ErrorInfo }
  /** The answer to a PickMessage: each named series' point nearest the x asked for. */
  | { type: "picked"; request: number; points: PickedPoint[] };

/** A series' point at full resolution: the one whose x is nearest what the pointer is over. */
export interface PickedPoint {
  name: string;
  color: string;
  x: number;
  y: number;
}

/**
 * Page → worker: one credit (permission to send one frame), returning the spent buffers of the
 * frame the page no longer shows, if any.
 */
export interface CreditMessage {
  type: "credit";
  spent: FrameData | null;
}

/**
 * What one panel shows: each axis's range ("auto": follow the data, as the engine finds it) and the
 * plot frame (the area inside the axes) in device pixels. The engine reduces every series for it.
 */
export interface PanelView {
  x: RangeSpec;
  y: RangeSpec;
  /** The frame's size in device pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel (marker sizes are in CSS pixels). */
  pixelRatio: number;
}

/** Page → worker, whenever the view changes (zoom, pan, resize, a range attribute): panels in scene order. */
export interface ViewMessage {
  type: "view";
  panels: PanelView[];
}

/**
 * Page → worker: the plot went out of sight (scrolled away, hidden, a background tab) or came back.
 * While `paused`, a running job does not advance; it carries on from where it was when resumed.
 */
export interface PauseMessage {
  type: "pause";
  paused: boolean;
}

/**
 * Page → worker: rows pushed since the last such message, oldest first (their buffers transferred);
 * `skipped` older rows the page dropped because the job would not have kept them anyway.
 */
export interface PushMessage {
  type: "push";
  chunks: PushChunk[];
  skipped: number;
}

/**
 * Page → worker: send the full-resolution data the engine holds for the job. On the data port, after
 * any rows pushed before it, so the answer holds them.
 */
export interface ExportMessage {
  type: "export";
  request: number;
}

/** Page → worker: the pointer is over x in panel `panel`: which point of each named series is nearest? */
export interface PickMessage {
  type: "pick";
  request: number;
  panel: number;
  x: number;
}

export type PageMessage = CreditMessage | ViewMessage | PauseMessage | PushMessage | ExportMessage | PickMessage;

// ---------------------------------------------------------------------------------------------
// Element-facing types.
// ---------------------------------------------------------------------------------------------

/** The element's states, in the order a plot meets them (also what editors offer for `state`). */
export const PLOT_STATES = ["loading", "ready", "running", "stopped", "finished", "error"] as const;
export type PlotState = (typeof PLOT_STATES)[number];

/** What a plot's main panel shows: the `view` property. */
export interface PlotViewRanges {
  x: [number, number];
  y: [number, number];
}

export interface PlotStats {
  /** Frames shown per second over the last second. */
  fps: number;
  /** Frames shown since the job was created. */
  frames: number;
  /** Display refreshes (at 60 Hz) that passed without a new frame while running. */
  droppedFrames: number;
  /** Simulation steps per second. */
  simRate: number;
  /** Right-hand-side evaluations per second (ODE jobs), else 0. */
  evalRate: number;
  /** Main-thread time spent applying a frame, median and 95th percentile, in ms. */
  frameMsP50: number;
  frameMsP95: number;
  /** Bytes of column data in the newest frame. */
  bytesPerFrame: number;
  /** For a plot fed from a connection (a stream's `url`): "connecting", "open" or "closed" (until it reconnects). */
  connection?: "connecting" | "open" | "closed";
}
