// The element's attributes, read and checked: pure functions of their values (no DOM), so that
// every rule has a unit test (test/unit/attributes.test.ts). The element adds what needs the page:
// the module origin policy, the theme, the engine URL.
import { BUILTIN_JOBS, LivePlotError, describeValue, errorMessage, isBuiltinJob, isPlainObject, type JobContext, type RangeSpec } from "../../protocol/index.js";
import { BACKENDS, type Backend } from "../bokeh/backends.js";

export const DEFAULT_HEIGHT = 300;
/** For sizing frames before layout has given the element a width. */
const DEFAULT_WIDTH = 600;
const MAX_PIXELS = 16_384;
const MAX_POINTS = 10_000_000;

/** The attribute values as the element's properties hold them. */
export interface AttributeValues {
  job: string | undefined;
  /** What `params` was last given: JSON text from the attribute, or a value from the property. */
  params: unknown;
  width: number | undefined;
  height: number | undefined;
  maxPoints: number | undefined;
  xRange: string | undefined;
  yRange: string | undefined;
  backend: string | undefined;
  offscreen: string | undefined;
}

/** What the page tells about the element: where it is and how big it is drawn. */
export interface Surroundings {
  baseUrl: string;
  pixelRatio: number;
  /** The element's laid-out width in CSS pixels (0 before layout). */
  clientWidth: number;
}

/** Everything a new job and plot are built from, checked. */
export interface Attributes {
  /** A built-in job's name, or a module URL as written (the element resolves and vets it). */
  job: { builtin: true; name: string } | { builtin: false; url: string };
  params: Record<string, unknown>;
  context: JobContext;
  width: number | undefined;
  height: number;
  xRange: RangeSpec | undefined;
  yRange: RangeSpec | undefined;
  backend: Backend;
  offscreen: "pause" | "run";
}

/** Reads every attribute a new job and plot need; the first bad one throws its LivePlotError. */
export function readAttributes(values: AttributeValues, page: Surroundings): Attributes {
  const job = parseJob(values.job);
  const params = readParams(values.params);
  const width = parsePositiveInt("width", values.width, MAX_PIXELS);
  const height = parsePositiveInt("height", values.height, MAX_PIXELS) ?? DEFAULT_HEIGHT;
  const cssWidth = width ?? (page.clientWidth || DEFAULT_WIDTH);
  return {
    job,
    params,
    context: {
      maxPoints: parsePositiveInt("max-points", values.maxPoints, MAX_POINTS),
      baseUrl: page.baseUrl,
      viewport: { width: Math.round(cssWidth * page.pixelRatio), height: Math.round(height * page.pixelRatio) },
    },
    width,
    height,
    xRange: parseRange("x-range", values.xRange),
    yRange: parseRange("y-range", values.yRange),
    backend: parseBackend(values.backend),
    offscreen: parseOffscreen(values.offscreen),
  };
}

/** `job`: a built-in job's name or something that looks like a module URL. */
export function parseJob(value: string | undefined): Attributes["job"] {
  const job = (value ?? "").trim();
  if (isBuiltinJob(job)) return { builtin: true, name: job };
  if (looksLikeModuleUrl(job)) return { builtin: false, url: job };
  const given = job === "" ? "no job attribute" : `job "${job}"`;
  throw new LivePlotError("unknown-job", `${given}: use a built-in job (${BUILTIN_JOBS.join(", ")}) or the URL of a job module`);
}

/** `params` as given: JSON text (the attribute; empty or missing means `{}`) or an object (the property). */
export function readParams(input: unknown): Record<string, unknown> {
  return input === null || input === undefined || typeof input === "string" ? parseParams(input ?? null) : checkParamsObject(input);
}

/** The `offscreen` attribute: "pause" (also when absent) or "run". */
export function parseOffscreen(value: string | null | undefined): "pause" | "run" {
  if (value === undefined || value === null || value === "pause") return "pause";
  if (value === "run") return "run";
  throw new LivePlotError("invalid-attribute", `offscreen must be "pause" or "run", got "${value}"`);
}

/** A module URL is anything that looks like a path or URL to a script; bare words are job names. */
export function looksLikeModuleUrl(job: string): boolean {
  return /^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(job) || /\.m?js(\?.*)?$/.test(job);
}

/** The `params` attribute: a JSON object (empty or missing means `{}`). */
export function parseParams(text: string | null): Record<string, unknown> {
  if (text === null || text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LivePlotError("invalid-params", `params is not valid JSON (${errorMessage(error)}); write a JSON object such as {"points": 200}`);
  }
  return checkParamsObject(value);
}

/** The `params` property: a plain object. */
export function checkParamsObject(value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw new LivePlotError("invalid-params", `params must be a JSON object, got ${describeValue(value)}`);
  }
  return value;
}

/** `x-range` / `y-range`: "auto" or "min,max" with min < max. */
export function parseRange(attribute: string, text: string | null | undefined): RangeSpec | undefined {
  if (text === null || text === undefined || text.trim() === "") return undefined;
  if (text.trim() === "auto") return "auto";
  const texts = text.split(",").map((part) => part.trim());
  const parts = texts.map(Number);
  if (parts.length !== 2 || texts.includes("") || !parts.every(Number.isFinite) || parts[0]! >= parts[1]!) {
    throw new LivePlotError("invalid-attribute", `${attribute} must be "auto" or "min,max" with min < max, got "${text}"`);
  }
  return [parts[0]!, parts[1]!];
}

/** `width`, `height`, `max-points` (as properties, so numbers; NaN when the attribute was not one). */
export function parsePositiveInt(attribute: string, value: number | null | undefined, max: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new LivePlotError("invalid-attribute", `${attribute} must be an integer from 1 to ${max}, got ${Number.isNaN(value) ? "a value that is not a number" : value}`);
  }
  return value;
}

export function parseBackend(text: string | null | undefined): Backend {
  if (text === null || text === undefined || text === "") return "canvas";
  if (!(BACKENDS as readonly string[]).includes(text)) {
    throw new LivePlotError("invalid-attribute", `backend must be one of ${BACKENDS.join(", ")}, got "${text}"`);
  }
  return text as Backend;
}

