import type { Column, ExportedData, PushSpec } from "../../protocol/index.js";

/** A number as CSV text: the shortest form that reads back as the same double. */
const cell = (value: number | undefined): string => (value === undefined ? "" : String(value));

function table(header: string[], columns: Column[]): string {
  const rows = Math.max(0, ...columns.map((column) => column.length));
  const lines = [header.join(",")];
  for (let i = 0; i < rows; i++) lines.push(columns.map((column) => cell(column[i])).join(","));
  return lines.join("\n") + "\n";
}

/**
 * Exported data as CSV text. A stream's rows are one line each: x, then each series. Any other
 * job's numeric columns each get a column named `source.column` (a shorter one ends in empty
 * cells); image sources are left out.
 */
export function toCsv(data: ExportedData, accepts: PushSpec | undefined): string {
  if (accepts) {
    const series = accepts.series.map((name) => data[name]!);
    return table(["x", ...accepts.series], [series[0]!.x!, ...series.map((columns) => columns.y!)]);
  }
  const header: string[] = [];
  const columns: Column[] = [];
  for (const [source, named] of Object.entries(data)) {
    for (const [name, column] of Object.entries(named)) {
      if (!(column instanceof Float64Array)) continue;
      header.push(`${source}.${name}`);
      columns.push(column);
    }
  }
  return table(header, columns);
}
