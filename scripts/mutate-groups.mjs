// The groups of modules `npm run mutate` (scripts/mutate.mjs) mutates one at a time.

/** The groups, by the globs Stryker's `mutate` takes. Together: all of src/worker and src/protocol. */
export const GROUPS = {
  protocol: ["src/protocol/**/*.ts", "src/worker/jobs/params.ts", "src/worker/engine/check-job.ts"],
  engine: ["src/worker/engine/**/*.ts", "!src/worker/engine/check-job.ts"],
  reduction: ["src/worker/reduction/**/*.ts"],
  numerics: ["src/worker/numerics/**/*.ts"],
  trajectories: ["src/worker/jobs/{wave,lorenz,ode,trajectory-job,load-module,index}.ts"],
  data: ["src/worker/jobs/{regression,xy-data,stream,feed}.ts"],
  images: ["src/worker/jobs/{pixels,gray-scott,image-scene}.ts"],
};
