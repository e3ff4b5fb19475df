import { LivePlotError, describeValue, isPlainObject, type GlyphSpec, type Job, type PushSpec, type SourceSpec } from "../../protocol/index.js";

const GLYPH_KINDS: readonly GlyphSpec["kind"][] = ["line", "scatter", "image"];

const JOB_METHODS = ["advance", "write", "snapshot", "counters"] as const;

/**
 * Checks what a job factory returned, so a broken user module fails with a message that names the
 * problem instead of a TypeError deep in the engine or the plot.
 */
export function checkJob(job: unknown): Job {
  const bad = (what: string) => new LivePlotError("invalid-module", `the job ${what}`);
  if (!isPlainObject(job)) throw bad(`factory must return an object, got ${describeValue(job)}`);
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
      if (type !== "f64" && type !== "u32") throw bad(`scene column "${name}.${column}" must be "f64" or "u32", got ${describeValue(type)}`);
    }
    if (source.mode !== undefined && source.mode !== "replace" && source.mode !== "append") {
      throw bad(`scene source "${name}" has mode ${describeValue(source.mode)}: use "replace" (the default) or "append"`);
    }
  }
  checkGlyphs(scene.glyphs, scene.sources, bad);
  if (scene.accepts !== undefined) checkAccepts(scene.accepts, job.push, bad);
  if (scene.sharedX !== undefined && typeof scene.sharedX !== "boolean") throw bad(`scene sharedX must be true or false, got ${describeValue(scene.sharedX)}`);
  if (scene.panels !== undefined) {
    if (!Array.isArray(scene.panels)) throw bad("scene panels must be an array");
    for (const panel of scene.panels as unknown[]) {
      if (!isPlainObject(panel) || !Array.isArray(panel.glyphs)) throw bad("scene panels must each have glyphs (an array)");
      checkGlyphs(panel.glyphs, scene.sources, bad);
    }
  }
  return job as unknown as Job;
}

function checkGlyphs(glyphs: unknown[], sources: Record<string, unknown>, bad: (what: string) => LivePlotError): void {
  for (const glyph of glyphs) {
    if (!isPlainObject(glyph) || !GLYPH_KINDS.includes(glyph.kind as GlyphSpec["kind"])) {
      throw bad(`scene glyphs must each have a kind among ${GLYPH_KINDS.join(", ")}`);
    }
    const source = Object.hasOwn(sources, String(glyph.source)) ? (sources[String(glyph.source)] as SourceSpec) : undefined;
    if (!source) throw bad(`scene glyph ${glyph.kind} draws from unknown source ${describeValue(glyph.source)}`);
    const columns = glyph.kind === "image" ? (["image"] as const) : (["x", "y"] as const);
    for (const field of columns) {
      if (!Object.hasOwn(source.columns, String(glyph[field]))) throw bad(`scene glyph ${glyph.kind} reads unknown column ${describeValue(glyph[field])}`);
    }
    if (glyph.name !== undefined && typeof glyph.name !== "string") throw bad(`scene glyph ${glyph.kind}'s name must be a string, got ${describeValue(glyph.name)}`);
    if (glyph.kind === "image") checkImageGlyph(glyph, source, bad);
  }
}

const PUSH_X: readonly PushSpec["x"][] = ["index", "time", "value"];

/** A job that takes pushed rows names its series (distinct, non-empty) and its x, and has push(). */
function checkAccepts(accepts: unknown, push: unknown, bad: (what: string) => LivePlotError): void {
  const series = isPlainObject(accepts) ? accepts.series : undefined;
  const names = Array.isArray(series) ? series : [];
  if (!isPlainObject(accepts) || names.length === 0 || !names.every((name) => typeof name === "string" && name !== "") || new Set(names).size !== names.length) {
    throw bad("scene accepts needs series: distinct non-empty names");
  }
  if (!PUSH_X.includes(accepts.x as PushSpec["x"])) throw bad(`scene accepts has x ${describeValue(accepts.x)}: use ${PUSH_X.join(", ")}`);
  if (!Number.isInteger(accepts.keep) || (accepts.keep as number) < 1) throw bad(`scene accepts needs keep, a positive integer, got ${describeValue(accepts.keep)}`);
  if (typeof push !== "function") throw bad("accepts pushed rows but has no push() method");
}

function checkImageGlyph(glyph: Record<string, unknown>, source: SourceSpec, bad: (what: string) => LivePlotError): void {
  const { width, height } = glyph;
  if (!Number.isInteger(width) || !Number.isInteger(height) || (width as number) < 1 || (height as number) < 1) {
    throw bad(`scene image glyph needs positive integer width and height, got ${describeValue(width)} × ${describeValue(height)}`);
  }
  if (source.columns[glyph.image as string] !== "u32" || source.capacity !== (width as number) * (height as number)) {
    throw bad(`scene image column ${describeValue(glyph.image)} must be "u32" with a capacity of ${width} × ${height} pixels`);
  }
  for (const field of ["x", "y", "dw", "dh"] as const) {
    if (!Number.isFinite(glyph[field])) throw bad(`scene image glyph's ${field} must be a finite number`);
  }
}

