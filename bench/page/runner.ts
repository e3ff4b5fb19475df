// Runs a plan: the display's refresh estimated once, then every scenario in every mode on a fresh
// stage, each warmed up and measured over the same window. A mode that cannot run a scenario (a bad
// job URL, a job uPlot cannot draw) is recorded with its error; the run goes on.
import { errorMessage } from "../../src/protocol/index.js";
import { frameIntervals, measureWindow, nextFrame } from "./frame-window.js";
import { mountLivePlot } from "./modes/live-plot.js";
import { mountMainThread } from "./modes/main-thread.js";
import type { MountMode, RunningMode } from "./modes/mode.js";
import { mountUPlot } from "./modes/uplot.js";
import type { BenchRun, Mode, ModeResult, Scenario, ScenarioResult } from "./results.js";
import { scenarioId, type BenchPlan } from "./scenarios.js";
import { frameTimes, missedRefreshes, refreshPeriod } from "./stats.js";

const MOUNT: Record<Mode, MountMode> = { "live-plot": mountLivePlot, "main-thread": mountMainThread, uplot: mountUPlot };

/** Idle animation frames for the refresh estimate. */
const IDLE_FRAMES = 60;
/** Frames shown before the window opens (start-up and first layouts are not the steady state), within a time limit (a page at 1 fps). */
const WARM_FRAMES = 30;
const WARM_MAX_MS = 1500;
/** A mode whose plots show no frame within this long has failed. */
const FIRST_FRAME_TIMEOUT_MS = 30_000;

/** Where a run reports as it goes, and the page's parts it uses. */
export interface RunHooks {
  stage: HTMLElement;
  typing: HTMLElement;
  /** Mode `mode` of scenario `index` is about to run. */
  onMode(index: number, mode: Mode): void;
  /** New frame intervals while measuring, and the frames shown per second per plot over them. */
  onFrames?: (intervals: Float64Array, fps: number) => void;
  onScenario(result: ScenarioResult, run: BenchRun): void;
}

declare global {
  interface Window {
    /**
     * Set by the CLI (page.exposeFunction): told when each measured window opens, is half way
     * through, and closes.
     */
    liveplotBenchPhase?: (phase: "start" | "half" | "end", id: string, mode: Mode) => Promise<void>;
  }
}

function withTimeout(promise: Promise<void>, ms: number, what: string): Promise<void> {
  let timer = 0;
  const timeout = new Promise<never>((_, reject) => {
    timer = window.setTimeout(() => reject(new Error(`${what} within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

async function runMode(mode: Mode, scenario: Scenario, id: string, plan: BenchPlan, periodMs: number, hooks: RunHooks): Promise<ModeResult> {
  hooks.stage.replaceChildren();
  const mounted = performance.now();
  let running: RunningMode | undefined;
  try {
    running = await MOUNT[mode](hooks.stage, scenario);
    await withTimeout(running.firstFrame, FIRST_FRAME_TIMEOUT_MS, "no frame was shown");
    const firstFrameMs = performance.now() - mounted;
    const warming = performance.now();
    for (let i = 0; i < WARM_FRAMES && performance.now() - warming < WARM_MAX_MS; i++) await nextFrame();
    await window.liveplotBenchPhase?.("start", id, mode);
    const before = { shown: running.shown(), steps: running.steps() };
    let shownBefore = before.shown;
    const onFrames = hooks.onFrames;
    const record = await measureWindow(plan.durationMs, hooks.typing, {
      onFrames: onFrames
        ? (intervals) => {
            const shown = running!.shown();
            onFrames(intervals, ((shown - shownBefore) / scenario.plots / intervals.reduce((sum, ms) => sum + ms, 0)) * 1000);
            shownBefore = shown;
          }
        : undefined,
      onHalf: () => void window.liveplotBenchPhase?.("half", id, mode),
    });
    const after = { shown: running.shown(), steps: running.steps() };
    await window.liveplotBenchPhase?.("end", id, mode);
    if (running.failure() !== undefined) throw running.failure();
    const perPlotSecond = (count: number) => count / scenario.plots / record.seconds;
    const dropped = missedRefreshes(record.intervals, periodMs);
    return {
      mode,
      fps: perPlotSecond(after.shown - before.shown),
      frameMs: frameTimes(record.intervals),
      animationFrames: record.intervals.length,
      seconds: record.seconds,
      droppedFrames: dropped,
      droppedPerSecond: dropped / record.seconds,
      longFrames: record.longFrames,
      longTasks: record.longTasks,
      input: record.input,
      simRate: after.steps !== null && before.steps !== null ? perPlotSecond(after.steps - before.steps) : (running.reportedSimRate() ?? undefined),
      firstFrameMs,
      overheadMsPerFrame: record.overheadMsPerFrame,
      interruptedFrames: record.interruptedFrames,
    };
  } catch (error) {
    return { mode, error: errorMessage(error) };
  } finally {
    running?.dispose();
    hooks.stage.replaceChildren();
  }
}

export async function runPlan(plan: BenchPlan, hooks: RunHooks): Promise<BenchRun> {
  const periodMs = refreshPeriod(await frameIntervals(IDLE_FRAMES));
  const run: BenchRun = {
    version: 1,
    date: new Date().toISOString(),
    userAgent: navigator.userAgent,
    refresh: { periodMs, hz: 1000 / periodMs },
    durationMs: plan.durationMs,
    scenarios: [],
  };
  for (const [index, scenario] of plan.scenarios.entries()) {
    const result: ScenarioResult = { id: scenarioId(scenario), scenario, modes: {} };
    for (const mode of plan.modes) {
      hooks.onMode(index, mode);
      result.modes[mode] = await runMode(mode, scenario, result.id, plan, periodMs, hooks);
    }
    run.scenarios.push(result);
    hooks.onScenario(result, run);
  }
  return run;
}
