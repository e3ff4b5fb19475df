import { LivePlotError, describeValue, isPlainObject, type PushChunk, type PushSpec } from "../../protocol/index.js";

/** What `plot.push()` takes: one array of numbers per series (and `x`, unless x is the row index). */
export type PushColumns = Record<string, ArrayLike<number>>;

/** A number column: an array, or a typed array of numbers (not a DataView, not BigInt64Array). */
function isNumberColumn(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView) && !(value instanceof BigInt64Array) && !(value instanceof BigUint64Array));
}

/**
 * Checks pushed columns against what the job accepts and makes them a chunk: Float64Arrays as they
 * are (their buffers are transferred: the caller gives them up), anything else copied into one.
 * Throws invalid-data saying what is wrong; nothing of a bad push is taken.
 */
export function toPushChunk(spec: PushSpec, columns: unknown): PushChunk {
  const bad = (what: string) => new LivePlotError("invalid-data", `push: ${what}`);
  const expected = spec.x === "index" ? spec.series : ["x", ...spec.series];
  const shape = `{${expected.map((name) => `${name}: [...]`).join(", ")}}`;
  if (!isPlainObject(columns)) throw bad(`give an object of columns, ${shape}; got ${describeValue(columns)}`);
  for (const name of Object.keys(columns)) {
    if (!expected.includes(name)) {
      throw bad(name === "x" ? 'x is the row index here: the stream was made without x ("x": "time" or "value" takes an x column)' : `unknown column "${name}": the columns are ${expected.join(", ")}`);
    }
  }
  const out: Record<string, Float64Array> = {};
  let rows: number | undefined;
  for (const name of expected) {
    const column = columns[name];
    if (column === undefined) throw bad(`column "${name}" is missing: give ${shape}`);
    if (!isNumberColumn(column)) throw bad(`column "${name}" must be an array or typed array of numbers, got ${describeValue(column)}`);
    if (rows !== undefined && column.length !== rows) throw bad(`columns must have one length: "${expected[0]}" has ${rows}, "${name}" has ${column.length}`);
    rows = column.length;
    if (Array.isArray(column)) {
      const at = column.findIndex((value) => typeof value !== "number");
      if (at >= 0) throw bad(`${name}[${at}] is ${describeValue(column[at])}, not a number`);
    }
    out[name] = column instanceof Float64Array && !(column.buffer instanceof SharedArrayBufferOrNone) ? column : Float64Array.from(column as ArrayLike<number>);
  }
  return { rows: rows ?? 0, columns: out };
}

/** SharedArrayBuffer where the page has it (cross-origin isolated): its arrays are copied, not transferred. */
const SharedArrayBufferOrNone: abstract new (...args: never[]) => unknown = globalThis.SharedArrayBuffer ?? class {};

/** The distinct buffers of chunks' columns, for postMessage's transfer list. */
export function chunkBuffers(chunks: readonly PushChunk[]): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  for (const chunk of chunks) for (const column of Object.values(chunk.columns)) buffers.add(column.buffer as ArrayBuffer);
  return [...buffers];
}
