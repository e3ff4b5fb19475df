import { LivePlotError } from "./errors.js";
import type { GlyphSpec, Job, RangeSpec, Scene, SourceSpec } from "./types.js";

export const BUILTIN_JOBS = ["wave", "pixels", "lorenz", "ode", "regression", "gray-scott"] as const;
export type BuiltinJob = (typeof BUILTIN_JOBS)[number];

const GLYPH_KINDS: readonly GlyphSpec["kind"][] = ["line", "scatter", "image"];

export const BACKENDS = ["canvas", "webgl", "svg"] as const;
export type Backend = (typeof BACKENDS)[number];

export function isBuiltinJob(name: string): name is BuiltinJob {
  return (BUILTIN_JOBS as readonly string[]).includes(name);
}

/** A module URL is anything that looks like a path or URL to a script; bare words are job names. */
export function looksLikeModuleUrl(job: string): boolean {
  return /^(\.{0,2}\/|[a-z][a-z0-9+.-]*:)/i.test(job) || /\.m?js(\?.*)?$/.test(job);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The `params` attribute: a JSON object (empty or missing means `{}`). */
export function parseParams(text: string | null): Record<string, unknown> {
  if (text === null || text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new LivePlotError("invalid-params", `params is not valid JSON (${(error as Error).message}); write a JSON object such as {"points": 200}`);
  }
  return checkParamsObject(value);
}

/** The `params` property: a plain object. */
export function checkParamsObject(value: unknown): Record<string, unknown> {
  if (!isPlainObject(value)) {
    throw new LivePlotError("invalid-params", `params must be a JSON object, got ${describe(value)}`);
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

export interface NumberRule {
  default: number;
  min?: number;
  max?: number;
  integer?: boolean;
}

/**
 * Reads numeric job parameters by rule, filling defaults. Unknown names are an error too: a typo
 * in a parameter name would otherwise be silently ignored. `others` names the parameters the job
 * reads in other ways.
 */
export function readNumbers<K extends string>(
  job: string,
  params: Record<string, unknown>,
  rules: Record<K, NumberRule>,
  others: readonly string[] = [],
): Record<K, number> {
  const known = [...Object.keys(rules), ...others];
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) {
      throw new LivePlotError("invalid-params", `${job}: unknown parameter "${name}"; known: ${known.join(", ")}`);
    }
  }
  const out = {} as Record<K, number>;
  for (const name of Object.keys(rules) as K[]) {
    const rule = rules[name];
    const value = params[name] === undefined ? rule.default : params[name];
    const bounds = `${rule.integer ? "an integer" : "a number"}${rule.min !== undefined ? ` >= ${rule.min}` : ""}${rule.max !== undefined ? ` <= ${rule.max}` : ""}`;
    if (
      typeof value !== "number" ||
      !Number.isFinite(value) ||
      (rule.integer && !Number.isInteger(value)) ||
      (rule.min !== undefined && value < rule.min) ||
      (rule.max !== undefined && value > rule.max)
    ) {
      throw new LivePlotError("invalid-params", `${job}: ${name} must be ${bounds}, got ${describe(value)}`);
    }
    out[name] = value;
  }
  return out;
}

function checkGlyphs(glyphs: unknown[], sources: Record<string, unknown>, bad: (what: string) => LivePlotError): void {
  for (const glyph of glyphs) {
    if (!isPlainObject(glyph) || !GLYPH_KINDS.includes(glyph.kind as GlyphSpec["kind"])) {
      throw bad(`scene glyphs must each have a kind among ${GLYPH_KINDS.join(", ")}`);
    }
    const source = Object.hasOwn(sources, String(glyph.source)) ? (sources[String(glyph.source)] as SourceSpec) : undefined;
    if (!source) throw bad(`scene glyph ${glyph.kind} draws from unknown source ${describe(glyph.source)}`);
    const columns = glyph.kind === "image" ? (["image"] as const) : (["x", "y"] as const);
    for (const field of columns) {
      if (!Object.hasOwn(source.columns, String(glyph[field]))) throw bad(`scene glyph ${glyph.kind} reads unknown column ${describe(glyph[field])}`);
    }
    if (glyph.kind === "image") checkImageGlyph(glyph, source, bad);
  }
}

function checkImageGlyph(glyph: Record<string, unknown>, source: SourceSpec, bad: (what: string) => LivePlotError): void {
  const { width, height } = glyph;
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1) {
    throw bad(`scene image glyph needs positive integer width and height, got ${describe(width)} × ${describe(height)}`);
  }
  if (source.columns[glyph.image as string] !== "u32" || source.capacity !== (width as number) * (height as number)) {
    throw bad(`scene image column ${describe(glyph.image)} must be "u32" with a capacity of ${width} × ${height} pixels`);
  }
  for (const field of ["x", "y", "dw", "dh"] as const) {
    if (typeof glyph[field] !== "number" || !Number.isFinite(glyph[field])) throw bad(`scene image glyph's ${field} must be a finite number`);
  }
}

/** Whether `next` differs from `before` only in the parameters `live` (which a job can apply running). */
export function changesOnly(before: Record<string, unknown>, next: Record<string, unknown>, live: readonly string[]): boolean {
  const names = new Set([...Object.keys(before), ...Object.keys(next)]);
  return [...names].every((name) => live.includes(name) || sameParam(before[name], next[name]));
}

/** Typed arrays (data sets of millions) compare by their values; anything else by its JSON. */
function sameParam(a: unknown, b: unknown): boolean {
  if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
    if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.constructor !== b.constructor) return false;
    const [x, y] = [a as unknown as ArrayLike<number>, b as unknown as ArrayLike<number>];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A parameter that must be an array of finite numbers (of `length` elements, if given). */
export function readVector(job: string, name: string, value: unknown, length?: number): number[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === "number" && Number.isFinite(v))) {
    throw new LivePlotError("invalid-params", `${job}: ${name} must be a non-empty array of finite numbers, got ${describe(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new LivePlotError("invalid-params", `${job}: ${name} must have ${length} elements, got ${value.length}`);
  }
  return value as number[];
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length <= 8 ? JSON.stringify(value) : "an array";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return String(value);
}

const JOB_METHODS = ["advance", "write", "snapshot", "counters"] as const;

/**
 * Checks what a job factory returned, so a broken user module fails with a message that names the
 * problem instead of a TypeError deep in the engine or the plot.
 */
export function checkJob(job: unknown): Job {
  const bad = (what: string) => new LivePlotError("invalid-module", `the job ${what}`);
  if (!isPlainObject(job)) throw bad(`factory must return an object, got ${describe(job)}`);
  for (const method of JOB_METHODS) {
    if (typeof job[method] !== "function") throw bad(`has no ${method}() method`);
  }
  const scene = job.scene;
  if (!isPlainObject(scene) || !isPlainObject(scene.sources) || !Array.isArray(scene.glyphs)) {
    throw bad("scene must be an object with sources (an object) and glyphs (an array)");
  }
  for (const [name, source] of Object.entries(scene.sources)) {
    if (!isPlainObject(source) || !isPlainObject(source.columns) || !Number.isInteger(source.capacity) || (source.capacity as number) < 1) {
      throw bad(`scene source "${name}" needs columns (an object) and a positive integer capacity`);
    }
    for (const [column, type] of Object.entries(source.columns)) {
      if (type !== "f64" && type !== "u32") throw bad(`scene column "${name}.${column}" must be "f64" or "u32", got ${describe(type)}`);
    }
  }
  checkGlyphs(scene.glyphs, scene.sources, bad);
  if (scene.panels !== undefined) {
    if (!Array.isArray(scene.panels)) throw bad("scene panels must be an array");
    for (const panel of scene.panels as unknown[]) {
      if (!isPlainObject(panel) || !Array.isArray(panel.glyphs)) throw bad("scene panels must each have glyphs (an array)");
      checkGlyphs(panel.glyphs, scene.sources, bad);
    }
  }
  return job as unknown as Job;
}

/**
 * Whether two scenes draw alike: their JSON, but for the panels' ranges when `ignoreRanges` (a
 * restart with new data keeps the plot and shows the new ranges).
 */
export function sameScene(a: Scene, b: Scene, ignoreRanges = false): boolean {
  const key = (scene: Scene) => JSON.stringify(scene, (name, value) => (ignoreRanges && (name === "xRange" || name === "yRange") ? undefined : value));
  return key(a) === key(b);
}
