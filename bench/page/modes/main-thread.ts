// The seed's approach: the job computed on the main thread and every point handed to BokehJS each
// animation frame, through the same BokehJS plot code as <live-plot>.
import { BokehPlot } from "../../../src/ui/bokeh/plot.js";
import { MainThreadJob } from "../main-thread-job.js";
import { jobParams, plotBox, plotSize, type MountMode, type RunningMode } from "./mode.js";

const THEME = { background: "#ffffff", text: "#444444", grid: "#e5e5e5" };

/**
 * One animation-frame loop for a set of main-thread jobs: each frame advances and writes every job
 * and hands its frame to `draw`, which answers once the frame is shown. Shared by the BokehJS and
 * uPlot peers, so both do the same work but the drawing.
 */
export function animate(jobs: readonly MainThreadJob[], draw: (index: number, now: number) => Promise<void> | void): RunningMode {
  let shown = 0;
  let running = true;
  let failure: unknown;
  let firstShown: () => void = () => {};
  let firstFailed: (error: unknown) => void = () => {};
  const firstFrame = new Promise<void>((resolve, reject) => {
    firstShown = resolve;
    firstFailed = reject;
  });
  const failed = (error: unknown) => {
    failure ??= error;
    running = false;
    firstFailed(error);
  };
  const tick = (now: number) => {
    if (!running) return;
    jobs.forEach((_, i) =>
      Promise.resolve()
        .then(() => draw(i, now))
        .then(() => {
          if (++shown >= jobs.length) firstShown();
        }, failed),
    );
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  return {
    shown: () => shown,
    steps: () => jobs.reduce((sum, job) => sum + job.steps, 0),
    reportedSimRate: () => null,
    firstFrame,
    failure: () => failure,
    dispose() {
      running = false;
      for (const job of jobs) job.dispose();
    },
  };
}

/** Creates a scenario's jobs on the main thread, one per plot. */
export function createJobs(scenario: Parameters<MountMode>[1], devicePixels: { width: number; height: number }): Promise<MainThreadJob[]> {
  return Promise.all(Array.from({ length: scenario.plots }, () => MainThreadJob.create(scenario.job, jobParams(scenario), devicePixels)));
}

export const mountMainThread: MountMode = async (stage, scenario) => {
  const size = plotSize(scenario.plots);
  const ratio = devicePixelRatio || 1;
  const jobs = await createJobs(scenario, { width: Math.round(size.width * ratio), height: Math.round(size.height * ratio) });
  const plots: BokehPlot[] = [];
  try {
    for (const job of jobs) {
      plots.push(await BokehPlot.mount(plotBox(stage), job.scene, { ...size, backend: scenario.backend, tools: false, theme: THEME, title: undefined, xLabel: undefined, yLabel: undefined, xRange: undefined, yRange: undefined }));
    }
  } catch (error) {
    for (const plot of plots) plot.dispose();
    throw error;
  }
  const running = animate(jobs, (i, now) => {
    const frame = jobs[i]!.frame(now);
    return plots[i]!.apply(frame, jobs[i]!.ranges(frame)).then(() => undefined);
  });
  return {
    ...running,
    dispose() {
      running.dispose();
      for (const plot of plots) plot.dispose();
    },
  };
};
