import { LivePlotError, errorMessage } from "../../protocol/index.js";

export interface XY {
  x: Float64Array;
  y: Float64Array;
}

/** The most points a data set may have: 10⁷ (160 MB as two Float64Arrays). */
export const MAX_DATA_POINTS = 10_000_000;

/** Arrays of numbers, or typed arrays (Float64Array and the like, which the page transfers). */
function isNumberList(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Checks paired numeric data: equal lengths, at least two points, finite numbers, x not all equal. */
export function checkXY(job: string, x: unknown, y: unknown): XY {
  const bad = (what: string) => new LivePlotError("invalid-params", `${job}: ${what}`);
  if (!isNumberList(x) || !isNumberList(y)) throw bad('give data as "x" and "y" arrays of numbers (or Float64Arrays), or "csv": the URL of a two-column file');
  if (x.length !== y.length) throw bad(`x and y must have the same length, got ${x.length} and ${y.length}`);
  if (x.length < 2) throw bad(`a line needs at least 2 points, got ${x.length}`);
  if (x.length > MAX_DATA_POINTS) throw bad(`at most ${MAX_DATA_POINTS} points, got ${x.length}`);
  const columns = { x: Float64Array.from(x as ArrayLike<number>), y: Float64Array.from(y as ArrayLike<number>) };
  for (const name of ["x", "y"] as const) {
    const given = name === "x" ? x : y;
    const values = columns[name];
    for (let i = 0; i < values.length; i++) {
      if (typeof given[i] !== "number" || !Number.isFinite(values[i])) {
        const shown = typeof given[i] === "number" ? String(given[i]) : JSON.stringify(given[i]);
        throw bad(`${name}[${i}] is ${shown}, not a finite number`);
      }
    }
  }
  if (columns.x.every((v) => v === columns.x[0])) throw bad(`all x values are equal (${columns.x[0]}): no line fits a vertical stack of points`);
  return columns;
}

/** Lines parsed between looks at the clock: a file of millions of rows is read in slices. */
const ROWS_PER_SLICE = 50_000;

/**
 * Two numeric columns separated by commas, semicolons, tabs or spaces; an optional header line;
 * blank lines and lines starting with # are skipped; quoted fields (RFC 4180) are read too.
 * Between slices of rows it yields through `pause` (the worker answers its messages meanwhile).
 */
export async function parseXYCsv(text: string, source: string, pause: () => Promise<void> = async () => {}): Promise<{ x: number[]; y: number[] }> {
  const x: number[] = [];
  const y: number[] = [];
  let first = true;
  const lines = text.split(/\r?\n/);
  for (let index = 0; index < lines.length; index++) {
    if (index > 0 && index % ROWS_PER_SLICE === 0) await pause();
    const trimmed = lines[index]!.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const cells = trimmed.includes('"') ? quotedCells(trimmed) : trimmed.split(/[,;\t]/.test(trimmed) ? /\s*[,;\t]\s*/ : /\s+/);
    const values = cells.map((cell) => (cell === "" ? NaN : Number(cell)));
    const header = first && values.every((v) => Number.isNaN(v));
    first = false;
    if (header) continue;
    if (cells.length !== 2 || !values.every(Number.isFinite)) {
      throw new LivePlotError("invalid-data", `${source} line ${index + 1}: expected two numbers, got "${trimmed.slice(0, 60)}"`);
    }
    x.push(values[0]!);
    y.push(values[1]!);
  }
  if (x.length < 2) throw new LivePlotError("invalid-data", `${source} has ${x.length} data rows; a line needs at least 2`);
  if (x.length > MAX_DATA_POINTS) throw new LivePlotError("invalid-data", `${source} has ${x.length} data rows; at most ${MAX_DATA_POINTS} are taken`);
  return { x, y };
}

/**
 * The fields of a line with quoted fields (RFC 4180): `"1.5","2"`, a delimiter inside quotes, `""`
 * for a quote. Fields are separated by commas, semicolons or tabs.
 */
function quotedCells(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      // Stryker disable next-line BlockStatement: a quote inside a field never makes a number, escaped or not
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === "," || c === ";" || c === "\t") {
      cells.push(cell.trim());
      cell = "";
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

export async function loadXYCsv(url: string): Promise<{ x: number[]; y: number[] }> {
  let text: string;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    text = await response.text();
  } catch (error) {
    throw new LivePlotError("invalid-data", `could not read ${url}: ${errorMessage(error)}`);
  }
  return parseXYCsv(text, url, () => new Promise((resume) => setTimeout(resume, 0)));
}
