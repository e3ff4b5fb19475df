import { isBuiltinJob, type JobFactory } from "../protocol/index.js";
import { BUILTIN_FACTORIES } from "./jobs/index.js";
import { loadModuleFunction } from "./load-module.js";

/** A built-in job's factory, or the default export of the module at `job` (an absolute URL). */
export async function loadJobFactory(job: string): Promise<JobFactory> {
  if (isBuiltinJob(job)) return BUILTIN_FACTORIES[job];
  return (await loadModuleFunction(job, { what: "job module", expects: "a job factory function" })) as JobFactory;
}
