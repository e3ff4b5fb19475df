import { toErrorInfo, type EngineApi, type Result } from "../../protocol/index.js";
import { JobRunner } from "./job-runner.js";
import { loadJobFactory } from "../jobs/index.js";
import { Scheduler } from "./scheduler.js";

/**
 * The engine: every job of one worker, behind the control API the page calls through Comlink, and
 * nothing else. `runners` is where it keeps the jobs by id; tests pass their own to look inside.
 */
export function createEngine(now: () => number = () => performance.now(), runners = new Map<number, JobRunner>()): EngineApi {
  const scheduler = new Scheduler(() => runners.values());
  let nextId = 1;

  const runnerOf = (id: number): JobRunner => {
    const runner = runners.get(id);
    if (!runner) throw new Error(`no job ${id} in this engine (it was disposed)`);
    return runner;
  };

  return {
    create: (spec, port) =>
      answer(async () => {
        const factory = await loadJobFactory(spec.job);
        const runner = await JobRunner.create(factory, spec.params, spec.context, port, now, scheduler.wake);
        const id = nextId++;
        runners.set(id, runner);
        return { id, scene: runner.scene };
      }),
    configure: (id, params) =>
      answer(async () => {
        const runner = runnerOf(id);
        // A configure never starts or stops a job, so the scheduler has nothing new to do.
        const answer = await runner.configure(params);
        return { ...answer, scene: runner.scene };
      }),
    start: (id) =>
      answer(() => {
        runnerOf(id).start();
        scheduler.wake();
      }),
    stop: (id) => answer(() => runnerOf(id).stop()),
    step: (id, frames) => answer(() => runnerOf(id).step(frames)),
    reset: (id) => answer(() => runnerOf(id).reset()),
    snapshot: (id) => answer(() => runnerOf(id).snapshot()),
    ping: () => answer(() => {}),
    dispose: (id) =>
      answer(() => {
        runners.get(id)?.dispose();
        runners.delete(id);
      }),
  };
}

/** Runs a call; anything thrown answers it as an error (a plain Error, such as an unknown id, as job-failed). */
async function answer<T>(work: () => T | Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: toErrorInfo(error, "job-failed") };
  }
}
