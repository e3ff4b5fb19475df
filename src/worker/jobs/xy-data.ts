import { LivePlotError } from "../../protocol/index.js";

export interface XY {
  x: Float64Array;
  y: Float64Array;
}

/** Checks paired numeric data: equal lengths, at least two points, finite numbers, x not all equal. */
export function checkXY(job: string, x: unknown, y: unknown): XY {
  const bad = (what: string) => new LivePlotError("invalid-params", `${job}: ${what}`);
  if (!Array.isArray(x) || !Array.isArray(y)) throw bad('give data as "x" and "y" arrays of numbers, or "csv": the URL of a two-column file');
  if (x.length !== y.length) throw bad(`x and y must have the same length, got ${x.length} and ${y.length}`);
  if (x.length < 2) throw bad(`a line needs at least 2 points, got ${x.length}`);
  for (const [name, values] of [["x", x], ["y", y]] as const) {
    const i = values.findIndex((v) => typeof v !== "number" || !Number.isFinite(v));
    if (i >= 0) throw bad(`${name}[${i}] is ${JSON.stringify(values[i])}, not a finite number`);
  }
  if (x.every((v) => v === x[0])) throw bad(`all x values are equal (${x[0]}): no line fits a vertical stack of points`);
  return { x: Float64Array.from(x as number[]), y: Float64Array.from(y as number[]) };
}

/**
 * Two numeric columns separated by commas, semicolons, tabs or spaces; an optional header line;
 * blank lines and lines starting with # are skipped.
 */
export function parseXYCsv(text: string, source: string): { x: number[]; y: number[] } {
  const x: number[] = [];
  const y: number[] = [];
  let first = true;
  text.split(/\r?\n/).forEach((line, index) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const cells = trimmed.split(/[,;\t]/.test(trimmed) ? /\s*[,;\t]\s*/ : /\s+/);
    const values = cells.map((cell) => (cell === "" ? NaN : Number(cell)));
    const header = first && values.every((v) => Number.isNaN(v));
    first = false;
    if (header) return;
    if (cells.length !== 2 || !values.every(Number.isFinite)) {
      throw new LivePlotError("invalid-data", `${source} line ${index + 1}: expected two numbers, got "${trimmed.slice(0, 60)}"`);
    }
    x.push(values[0]!);
    y.push(values[1]!);
  });
  if (x.length < 2) throw new LivePlotError("invalid-data", `${source} has ${x.length} data rows; a line needs at least 2`);
  return { x, y };
}

export async function loadXYCsv(url: string): Promise<{ x: number[]; y: number[] }> {
  let text: string;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`);
    text = await response.text();
  } catch (error) {
    throw new LivePlotError("invalid-data", `could not read ${url}: ${(error as Error)?.message ?? error}`);
  }
  return parseXYCsv(text, url);
}
