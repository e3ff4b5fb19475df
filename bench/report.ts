// The CLI's HTML report: one self-contained file (inline SVG, no script) with the run's machine, the
// summary table with ratios to both peers, and per scenario its frame-interval distributions and
// main-thread cost per frame, mode by mode.
import { escapeHtml, glanceTable, MODES, scenarioLabel, summaryTable, tableHtml, type BenchRun, type ScenarioResult } from "./page/results.js";

const COLORS: Record<(typeof MODES)[number], string> = { "live-plot": "#1f77b4", "main-thread": "#ff7f0e", uplot: "#2ca02c" };
const [WIDTH, HEIGHT, LEFT, BOTTOM] = [520, 220, 48, 28];
/** The distribution's plot area ends here; its legend sits to the right, clear of the lines. */
const RIGHT = WIDTH - 90;

/** Frame interval (ms) against percentile, a line per mode, on a log scale of ms from the refresh period up. */
function distributionSvg(scenario: ScenarioResult, periodMs: number): string {
  const lines = MODES.flatMap((mode) => {
    const values = scenario.modes[mode]?.frameMs?.distribution;
    return values ? [{ mode, values }] : [];
  });
  const top = Math.max(2 * periodMs, ...lines.flatMap((line) => line.values));
  const low = periodMs / 2;
  const x = (p: number) => LEFT + (p / 100) * (RIGHT - LEFT);
  const y = (ms: number) => 10 + (1 - Math.log(Math.max(ms, low) / low) / Math.log(top / low)) * (HEIGHT - 10 - BOTTOM);
  // Refresh periods and their doublings, and the longest interval.
  const ticks = [...[1, 2, 4, 8, 16, 32, 64].map((k) => k * periodMs).filter((ms) => ms <= top / 1.5), top];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-size="11" font-family="sans-serif">`,
    ...ticks.map((ms) => `<line x1="${LEFT}" x2="${RIGHT}" y1="${y(ms)}" y2="${y(ms)}" stroke="#ddd"/><text x="${LEFT - 4}" y="${y(ms) + 4}" text-anchor="end">${ms.toFixed(0)}</text>`),
    ...[0, 25, 50, 75, 100].map((p) => `<text x="${x(p)}" y="${HEIGHT - BOTTOM + 14}" text-anchor="middle">${p}</text>`),
    `<text x="${(LEFT + RIGHT) / 2}" y="${HEIGHT - 2}" text-anchor="middle">percentile of frame intervals (ms, log scale)</text>`,
    ...lines.map(({ mode, values }) => `<polyline fill="none" stroke="${COLORS[mode]}" stroke-width="2" points="${values.map((ms, p) => `${x(p).toFixed(1)},${y(ms).toFixed(1)}`).join(" ")}"/>`),
    ...lines.map(({ mode }, i) => `<text x="${RIGHT + 10}" y="${22 + 14 * i}" fill="${COLORS[mode]}">${mode}</text>`),
    "</svg>",
  ].join("");
}

/** Main-thread ms per frame (CDP TaskDuration), a bar per mode. */
function taskSvg(scenario: ScenarioResult): string {
  const bars = MODES.flatMap((mode) => {
    const ms = scenario.modes[mode]?.taskMsPerFrame;
    return ms === undefined ? [] : [{ mode, ms }];
  });
  const most = Math.max(1, ...bars.map((bar) => bar.ms));
  const row = 26;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${bars.length * row + 20}" font-size="11" font-family="sans-serif">`,
    ...bars.map(({ mode, ms }, i) => {
      const length = (ms / most) * (WIDTH - 200);
      return `<text x="90" y="${i * row + 17}" text-anchor="end">${mode}</text><rect x="96" y="${i * row + 5}" width="${length.toFixed(1)}" height="16" fill="${COLORS[mode]}"/><text x="${(100 + length).toFixed(1)}" y="${i * row + 17}">${ms.toFixed(2)} ms</text>`;
    }),
    `<text x="96" y="${bars.length * row + 14}">main-thread busy time per animation frame (CDP TaskDuration)</text>`,
    "</svg>",
  ].join("");
}

export function reportHtml(run: BenchRun): string {
  const machine = run.machine ? `${run.machine.cpu}, ${run.machine.cores} cores, Chromium ${run.machine.chromium}${run.machine.headless ? ", headless" : ""}` : run.userAgent;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>live-plot benchmark ${escapeHtml(run.date)}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;margin:1.5rem;color:#1d2230}table{border-collapse:collapse;font-size:12px}th,td{border-bottom:1px solid #ddd;padding:2px 6px;text-align:right;white-space:nowrap}th:nth-child(-n+2),td:nth-child(-n+2){text-align:left}section{margin:1rem 0}</style>
</head><body>
<h1>live-plot benchmark</h1>
<p>${escapeHtml(run.date)} · ${escapeHtml(machine)} · display ${run.refresh.hz.toFixed(0)} Hz · ${run.durationMs / 1000} s per mode</p>
${tableHtml(glanceTable(run))}
<h2>Every figure, and live-plot's ratios to each peer</h2>
${tableHtml(summaryTable(run))}
${run.scenarios.map((s) => `<section><h2>${escapeHtml(scenarioLabel(s.scenario))}</h2>${distributionSvg(s, run.refresh.periodMs)}${taskSvg(s)}</section>`).join("\n")}
</body></html>
`;
}
