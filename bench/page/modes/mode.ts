// What every way of drawing a scenario offers the benchmark, and where its plots go.
import type { Scenario } from "../results.js";

/** A scenario's plots, mounted and animating. */
export interface RunningMode {
  /** Frames shown so far, over all its plots. */
  shown(): number;
  /** Simulation steps so far, over all its plots; null where the mode reports a rate instead. */
  steps(): number | null;
  /** Steps per second per plot as the mode itself reports it (live-plot's stats), else null. */
  reportedSimRate(): number | null;
  /** Settles once every plot has shown a frame; rejects with what went wrong. */
  firstFrame: Promise<void>;
  /** What went wrong since, if anything (a plot that failed mid-run stops counting). */
  failure(): unknown;
  dispose(): void;
}

export type MountMode = (stage: HTMLElement, scenario: Scenario) => Promise<RunningMode>;

/** The size of each of `plots` plots on the stage, in CSS pixels: two columns past one plot, all in sight. */
export function plotSize(plots: number): { width: number; height: number } {
  if (plots === 1) return { width: 800, height: 200 };
  const rows = Math.ceil(plots / 2);
  return { width: 390, height: Math.max(60, Math.min(200, Math.floor(480 / rows))) };
}

/** The job's params with the scenario's points, where given. */
export function jobParams({ params, points }: Scenario): Record<string, unknown> {
  return points === undefined ? params : { ...params, points };
}

/** A box on the stage for one plot. */
export function plotBox(stage: HTMLElement): HTMLElement {
  const box = document.createElement("div");
  box.className = "bench-plot";
  stage.append(box);
  return box;
}
