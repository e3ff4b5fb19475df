/** The jobs built into the engine; any other `job` is the URL of a job module. */
export const BUILTIN_JOBS = ["wave", "pixels", "lorenz", "ode", "regression", "gray-scott", "stream"] as const;
export type BuiltinJob = (typeof BUILTIN_JOBS)[number];

export function isBuiltinJob(name: string): name is BuiltinJob {
  return (BUILTIN_JOBS as readonly string[]).includes(name);
}
