import { isBuiltinJob, type BuiltinJob, type JobFactory } from "../../protocol/index.js";
import { createGrayScott } from "./gray-scott.js";
import { loadModuleFunction } from "./load-module.js";
import { createLorenz } from "./lorenz.js";
import { createOde } from "./ode.js";
import { createPixels } from "./pixels.js";
import { createRegression } from "./regression.js";
import { createStream } from "./stream.js";
import { createWave } from "./wave.js";

const BUILTIN_FACTORIES: Record<BuiltinJob, JobFactory> = {
  wave: createWave,
  lorenz: createLorenz,
  ode: createOde,
  regression: createRegression,
  pixels: createPixels,
  "gray-scott": createGrayScott,
  stream: createStream,
};

/** A built-in job's factory, or the default export of the module at `job` (an absolute URL). */
export async function loadJobFactory(job: string): Promise<JobFactory> {
  if (isBuiltinJob(job)) return BUILTIN_FACTORIES[job];
  return (await loadModuleFunction(job, { what: "job module", expects: "a job factory function" })) as JobFactory;
}
