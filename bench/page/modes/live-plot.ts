// The element itself: the job's numerics in its worker, frames reduced to the plot's pixels.
import type { LivePlotElement } from "../../../src/public-types.js";
import { jobParams, plotBox, plotSize, type MountMode } from "./mode.js";

export const mountLivePlot: MountMode = async (stage, scenario) => {
  const size = plotSize(scenario.plots);
  const plots = Array.from({ length: scenario.plots }, () => {
    const plot = document.createElement("live-plot") as LivePlotElement;
    for (const [name, value] of Object.entries({ job: scenario.job, params: JSON.stringify(jobParams(scenario)), backend: scenario.backend, width: String(size.width), height: String(size.height) })) {
      plot.setAttribute(name, value);
    }
    plot.toggleAttribute("autostart", true);
    plotBox(stage).append(plot);
    return plot;
  });
  let watching = true;
  let failure: Error | undefined;
  const firstFrame = new Promise<void>((resolve, reject) => {
    for (const plot of plots) {
      plot.addEventListener(
        "live-plot-error",
        (event) => {
          failure ??= new Error(event.detail.message);
          reject(failure);
        },
        { once: true },
      );
    }
    const look = () => {
      if (!watching) return;
      if (plots.every((plot) => plot.stats.frames > 0)) resolve();
      else requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  });
  return {
    shown: () => plots.reduce((sum, plot) => sum + plot.stats.frames, 0),
    steps: () => null,
    reportedSimRate: () => plots.reduce((sum, plot) => sum + plot.stats.simRate, 0) / plots.length,
    firstFrame,
    failure: () => failure,
    dispose() {
      watching = false;
      for (const plot of plots) plot.remove();
    },
  };
};
