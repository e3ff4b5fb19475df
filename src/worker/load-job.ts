import { LivePlotError, isBuiltinJob, type JobFactory } from "../protocol/index.js";
import { BUILTIN_FACTORIES } from "./jobs/index.js";

/** A built-in job's factory, or the default export of the module at `job` (an absolute URL). */
export async function loadJobFactory(job: string): Promise<JobFactory> {
  if (isBuiltinJob(job)) return BUILTIN_FACTORIES[job];
  let module: { default?: unknown };
  try {
    module = await import(job);
  } catch (error) {
    throw new LivePlotError("invalid-module", `could not load job module ${job}: ${(error as Error)?.message ?? error}`);
  }
  if (typeof module.default !== "function") {
    throw new LivePlotError("invalid-module", `job module ${job} must export a job factory function as its default export`);
  }
  return module.default as JobFactory;
}
