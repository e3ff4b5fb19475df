import { releaseProxy, wrap, type Remote } from "comlink";
import { LivePlotError, type EngineApi, type Result } from "../protocol/index.js";
import { engineUrl } from "./engine-url.js";

/** Long enough for a slow module import in the worker; short enough that a hung call surfaces. */
const CALL_TIMEOUT_MS = 15_000;

/** What to change when the page's policy blocks the engine worker. */
const CSP_HINT =
  "If the page has a Content-Security-Policy, allow it with worker-src 'self' blob: (for the built-in engine), " +
  "or put live-plot.worker.js beside the page and point the engine-url attribute (or LivePlot.engineUrl) at it, allowed by worker-src 'self'.";

/** Plots share a few workers: one core stays free for the page. */
const MAX_WORKERS = Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1));

type Method = keyof EngineApi;
type Answer<M extends Method> = Awaited<ReturnType<EngineApi[M]>> extends Result<infer T> ? T : never;

/**
 * One engine worker behind a Comlink proxy that never hangs: every call has a timeout, and every
 * pending call rejects when the worker fails or is terminated (Comlink alone would wait forever).
 */
class EngineWorker {
  jobs = 0;
  private readonly worker: Worker;
  private readonly api: Remote<EngineApi>;
  private readonly pending = new Set<(error: LivePlotError) => void>();
  private deadReason: LivePlotError | undefined;

  constructor(
    readonly url: string,
    /** Which code its jobs run: plots share a worker only with plots that run the same code. */
    readonly group: string,
    private readonly onGone: (worker: EngineWorker) => void,
  ) {
    try {
      this.worker = new Worker(url, { type: "module", name: "live-plot-engine" });
    } catch (error) {
      throw new LivePlotError("worker-failed", `the engine worker could not be created from ${url}: ${(error as Error)?.message ?? error}. ${CSP_HINT}`);
    }
    this.api = wrap<EngineApi>(this.worker);
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      // A worker that never started reports no message; a crash reports the uncaught error.
      const reason = event.message || `it could not start from ${url.startsWith("blob:") ? "a blob: URL" : url}. ${CSP_HINT}`;
      this.kill(new LivePlotError("worker-failed", `the engine worker failed: ${reason}`));
    });
    this.worker.addEventListener("messageerror", () => this.kill(new LivePlotError("worker-failed", "the engine worker sent a message that could not be read")));
  }

  call<M extends Method>(method: M, ...args: Parameters<EngineApi[M]>): Promise<Answer<M>> {
    if (this.deadReason) return Promise.reject(this.deadReason);
    return new Promise<Answer<M>>((resolve, reject) => {
      const fail = (error: LivePlotError) => {
        settle();
        reject(error);
      };
      // A worker that cannot answer in this long is stuck (a job in an endless loop, say): end it,
      // so its plots say so instead of freezing.
      const timer = setTimeout(() => this.kill(new LivePlotError("timeout", `the engine did not answer ${method}() within ${CALL_TIMEOUT_MS / 1000} s`)), CALL_TIMEOUT_MS);
      const settle = () => {
        clearTimeout(timer);
        this.pending.delete(fail);
      };
      this.pending.add(fail);
      const remote = this.api[method] as unknown as (...a: unknown[]) => Promise<Result<Answer<M>>>;
      remote(...args).then(
        (result) => {
          settle();
          if (result.ok) resolve(result.value);
          else reject(LivePlotError.from(result.error));
        },
        (error: unknown) => fail(new LivePlotError("worker-failed", `${method}() failed in the engine: ${(error as Error)?.message ?? error}`)),
      );
    });
  }

  /** Ends the worker; pending calls reject with `reason`. */
  kill(reason: LivePlotError): void {
    if (this.deadReason) return;
    this.deadReason = reason;
    for (const fail of [...this.pending]) fail(reason);
    this.api[releaseProxy]();
    this.worker.terminate();
    this.onGone(this);
  }
}

const workers = new Set<EngineWorker>();

/** A plot's claim on one engine worker; `release()` ends the worker when no plot uses it. */
export interface EngineLease {
  call: EngineWorker["call"];
  release(): void;
}

/** How many engine workers are alive (for leak checks). */
export function engineWorkerCount(): number {
  return workers.size;
}

/**
 * A lease on a worker running the engine at `url` (default: the one inlined in this bundle) for jobs
 * of `group`. Built-in jobs share workers; a user's module gets workers of its own, so that if it
 * crashes or hangs its worker, the plots running other code keep running.
 */
export function leaseEngine(url: string = engineUrl(), group = "built-in"): EngineLease {
  let chosen: EngineWorker | undefined;
  let count = 0;
  for (const worker of workers) {
    if (worker.url !== url || worker.group !== group) continue;
    count++;
    if (!chosen || worker.jobs < chosen.jobs) chosen = worker;
  }
  if (!chosen || (chosen.jobs > 0 && count < MAX_WORKERS)) {
    chosen = new EngineWorker(url, group, (gone) => workers.delete(gone));
    workers.add(chosen);
  }
  const worker = chosen;
  worker.jobs++;
  let released = false;
  return {
    call: (method, ...args) => worker.call(method, ...args),
    release() {
      if (released) return;
      released = true;
      if (--worker.jobs === 0) worker.kill(new LivePlotError("worker-failed", "the engine worker was shut down"));
    },
  };
}
