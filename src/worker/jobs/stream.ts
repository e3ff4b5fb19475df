import { GLYPH_COLORS, LivePlotError, describeValue, type GlyphSpec, type Job, type JobFactory, type PanelSpec, type PushChunk, type PushSpec, type Scene, type SourceSpec } from "../../protocol/index.js";
import { readNumbers } from "./params.js";
import { Feed } from "./feed.js";

/** The most rows a series keeps: 10⁷ (80 MB per column). */
export const MAX_WINDOW = 10_000_000;
/** Series one stream may have: each is a line with its own colour and legend entry. */
export const MAX_SERIES = 32;

const X_MODES: readonly PushSpec["x"][] = ["index", "time", "value"];
const X_LABELS: Record<PushSpec["x"], string> = { index: "row", time: "time", value: "x" };

/** Rows received and not yet handed to the engine: a chunk, from its row `offset` on. */
interface Pending {
  chunk: PushChunk;
  /** The index (since the first row pushed) of the chunk's row 0. */
  first: number;
  offset: number;
}

function readSeries(value: unknown): string[] {
  const names = Array.isArray(value) ? value : [];
  if (names.length === 0 || names.length > MAX_SERIES || !names.every((name) => typeof name === "string" && name !== "" && name !== "x")) {
    throw new LivePlotError("invalid-params", `stream: series must name 1 to ${MAX_SERIES} series (non-empty, not "x"), got ${describeValue(value)}`);
  }
  if (new Set(names).size !== names.length) throw new LivePlotError("invalid-params", `stream: series names must differ, got ${describeValue(value)}`);
  return names as string[];
}

/** The feed's URL, resolved against the page: a WebSocket (ws:, wss:) or an EventSource (http:, https:). */
function readUrl(value: unknown, baseUrl: string): string | undefined {
  if (value === undefined) return undefined;
  const url = typeof value === "string" && URL.canParse(value, baseUrl) ? new URL(value, baseUrl) : undefined;
  if (!url || !["ws:", "wss:", "http:", "https:"].includes(url.protocol)) {
    throw new LivePlotError("invalid-params", `stream: url must be a ws:, wss: (WebSocket) or http:, https: (EventSource) URL, got ${describeValue(value)}`);
  }
  return url.href;
}

/** Whether each series gets a panel of its own. */
function readStack(value: unknown): boolean {
  if (value === undefined || typeof value === "boolean") return value === true;
  throw new LivePlotError("invalid-params", `stream: stack must be true or false, got ${describeValue(value)}`);
}

/** A time window, in seconds: only with x "time", whose x is the clock's. */
function readWindowSeconds(value: unknown, x: PushSpec["x"]): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !(value > 0) || !(value <= 1e9)) throw new LivePlotError("invalid-params", `stream: windowSeconds must be a number > 0, got ${describeValue(value)}`);
  if (x !== "time") throw new LivePlotError("invalid-params", 'stream: windowSeconds needs "x": "time" (a window of the clock\'s time)');
  return value;
}

function readX(value: unknown): PushSpec["x"] {
  if (value === undefined) return "index";
  if (!X_MODES.includes(value as PushSpec["x"])) throw new LivePlotError("invalid-params", `stream: x must be ${X_MODES.map((mode) => `"${mode}"`).join(", ")}, got ${describeValue(value)}`);
  return value as PushSpec["x"];
}

/**
 * The page's own data (`plot.push()`): named series kept in the engine like any trail, the newest
 * `window` rows of each, and reduced to the plot's pixels like any series. Rows wait here only
 * between their arrival and the next frame; more than a window of them waiting would never all be
 * kept, so the oldest go at once.
 */
export const createStream: JobFactory = (params, context) => {
  const series = readSeries(params.series);
  const x = readX(params.x);
  const { window } = readNumbers("stream", params, { window: { default: 100_000, min: 2, max: MAX_WINDOW, integer: true } }, ["series", "x", "url", "windowSeconds", "stack"]);
  const stack = readStack(params.stack) && series.length > 1;
  const windowSeconds = readWindowSeconds(params.windowSeconds, x);
  const url = readUrl(params.url, context.baseUrl);
  const source: SourceSpec = { columns: { x: "f64", y: "f64" }, capacity: window, mode: "append" };
  const line = (name: string, i: number): GlyphSpec => ({ kind: "line", source: name, x: "x", y: "y", color: GLYPH_COLORS[i % GLYPH_COLORS.length]!, name });
  const axes: PanelSpec = {
    glyphs: [],
    xLabel: X_LABELS[x],
    ...(x === "time" ? { xAxis: "datetime" as const } : {}),
    xFollow: "slide",
    ...(windowSeconds === undefined ? {} : { xWindow: windowSeconds * 1000 }),
  };
  const scene: Scene = {
    ...axes,
    sources: Object.fromEntries(series.map((name) => [name, source])),
    // Stacked: one panel per series, all on the main panel's x; else every series in one panel.
    glyphs: stack ? [line(series[0]!, 0)] : series.map(line),
    yLabel: stack || series.length === 1 ? series[0]! : "value",
    ...(stack ? { panels: series.slice(1).map((name, i) => ({ ...axes, glyphs: [line(name, i + 1)], yLabel: name })), sharedX: true } : {}),
    accepts: { series, x, keep: window },
  };
  const pending: Pending[] = [];
  let waiting = 0;
  /** Rows pushed since the start, kept or not. */
  let appended = 0;

  /** Drops the oldest waiting rows beyond a window's worth. */
  function trim(): void {
    for (let excess = waiting - window; excess > 0; ) {
      const head = pending[0]!;
      const left = head.chunk.rows - head.offset;
      const drop = Math.min(left, excess);
      head.offset += drop;
      waiting -= drop;
      excess -= drop;
      if (drop === left) pending.shift();
    }
  }

  function take(chunks: readonly PushChunk[], skipped: number): void {
    appended += skipped;
    for (const chunk of chunks) {
      if (chunk.rows === 0) continue;
      pending.push({ chunk, first: appended, offset: 0 });
      appended += chunk.rows;
      waiting += chunk.rows;
    }
    trim();
  }

  const feed = url === undefined ? undefined : new Feed(url, scene.accepts!, (chunk) => take([chunk], 0));
  const job: Job = {
    scene,
    advance() {},
    write(frame) {
      const room = frame[series[0]!]!.columns.x!.length;
      let rows = 0;
      while (rows < room && pending.length > 0) {
        const head = pending[0]!;
        const take = Math.min(room - rows, head.chunk.rows - head.offset);
        for (const name of series) {
          const { x: xs, y: ys } = frame[name]!.columns;
          ys!.set(head.chunk.columns[name]!.subarray(head.offset, head.offset + take), rows);
          if (x === "index") for (let k = 0; k < take; k++) xs![rows + k] = head.first + head.offset + k;
          else xs!.set(head.chunk.columns.x!.subarray(head.offset, head.offset + take), rows);
        }
        rows += take;
        head.offset += take;
        waiting -= take;
        if (head.offset === head.chunk.rows) pending.shift();
      }
      for (const name of series) frame[name]!.length = rows;
    },
    push: take,
    snapshot: () => ({
      appended,
      kept: Math.min(appended, window),
      ...(feed ? { connection: feed.state, reconnects: feed.reconnects, rejected: feed.rejected, ...(feed.lastProblem ? { lastProblem: feed.lastProblem } : {}) } : {}),
    }),
    counters: () => ({ steps: appended, ...(feed ? { connection: feed.state } : {}) }),
    dispose: () => feed?.dispose(),
  };
  return job;
};
