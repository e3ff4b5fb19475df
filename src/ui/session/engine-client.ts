import { releaseProxy, wrap, type Remote } from "comlink";
import { LivePlotError, errorMessage, type EngineApi, type Result } from "../../protocol/index.js";
import { engineUrl, engineWorkerType } from "./engine-url.js";

/**
 * How long a control call may go unanswered before its worker counts as hung and is ended: long
 * enough for a slow module import in the worker, short enough that a hung call surfaces. Pages (and
 * tests) may change it through LivePlot.callTimeoutMs.
 */
let callTimeoutMs = 15_000;

export function callTimeout(): number {
  return callTimeoutMs;
}

export function setCallTimeout(ms: number): void {
  if (typeof ms !== "number" || !Number.isFinite(ms) || ms < 100) throw new RangeError(`LivePlot.callTimeoutMs must be a number of milliseconds of at least 100, got ${String(ms)}`);
  callTimeoutMs = ms;
}

/** What to change when the page's policy blocks the engine worker. */
const CSP_HINT =
  "If the page has a Content-Security-Policy, allow it with worker-src 'self' blob: (for the built-in engine), " +
  "or put live-plot.worker.js beside the page and point the engine-url attribute (or LivePlot.engineUrl) at it, allowed by worker-src 'self'.";

/**
 * Messages outside the engine's protocol (a module calling postMessage itself) are ignored; this many
 * within a second is a flood, and the worker is ended before it swamps the page.
 */
const FLOOD_LIMIT = 500;

/** Plots share a few workers: one core stays free for the page. */
const MAX_WORKERS = Math.max(1, Math.min(4, (globalThis.navigator?.hardwareConcurrency ?? 2) - 1));

type Method = keyof EngineApi;
type Answer<M extends Method> = Awaited<ReturnType<EngineApi[M]>> extends Result<infer T> ? T : never;

/**
 * Calls that may rightly take long: a step of many frames. They have no timeout of their own; the
 * watchdog (plot-session.ts) pings the worker meanwhile, and a worker that stops answering is ended.
 */
const UNTIMED: readonly Method[] = ["step"];

/**
 * One engine worker behind a Comlink proxy that never hangs: every call has a timeout, and every
 * pending call rejects when the worker fails or is terminated (Comlink alone would wait forever).
 */
class EngineWorker {
  jobs = 0;
  private readonly worker: Worker;
  private readonly api: Remote<EngineApi>;
  private readonly pending = new Set<(error: LivePlotError) => void>();
  /** Told when the worker dies or is ended, whatever call is pending: its plots must not go on as if running. */
  private readonly watchers = new Set<(reason: LivePlotError) => void>();
  private deadReason: LivePlotError | undefined;

  constructor(
    readonly url: string,
    /** Which code its jobs run: plots share a worker only with plots that run the same code. */
    readonly group: string,
    private readonly onGone: (worker: EngineWorker) => void,
  ) {
    try {
      this.worker = new Worker(url, { type: engineWorkerType(url), name: "live-plot-engine" });
    } catch (error) {
      throw new LivePlotError("worker-failed", `the engine worker could not be created from ${url}: ${errorMessage(error)}. ${CSP_HINT}`);
    }
    this.api = wrap<EngineApi>(this.worker);
    this.worker.addEventListener("message", this.countJunk);
    this.worker.addEventListener("error", (event) => {
      event.preventDefault();
      // A worker that never started reports no message; a crash reports the uncaught error.
      const reason = event.message || `it could not start from ${url.startsWith("blob:") ? "a blob: URL" : url}. ${CSP_HINT}`;
      this.kill(new LivePlotError("worker-failed", `the engine worker failed: ${reason}`));
    });
    this.worker.addEventListener("messageerror", () => this.kill(new LivePlotError("worker-failed", "the engine worker sent a message that could not be read")));
  }

  /** Answers with `method`'s value; ends the worker if it cannot answer within `timeoutMs`. */
  call<M extends Method>(method: M, ...args: Parameters<EngineApi[M]>): Promise<Answer<M>> {
    return this.callWithin(UNTIMED.includes(method) ? Infinity : callTimeoutMs, method, ...args);
  }

  callWithin<M extends Method>(timeoutMs: number, method: M, ...args: Parameters<EngineApi[M]>): Promise<Answer<M>> {
    if (this.deadReason) return Promise.reject(this.deadReason);
    return new Promise<Answer<M>>((resolve, reject) => {
      const fail = (error: LivePlotError) => {
        settle();
        reject(error);
      };
      // A worker that cannot answer in this long is stuck (a job in an endless loop, say): end it,
      // so its plots say so instead of freezing.
      const limit = `${timeoutMs >= 1000 ? `${timeoutMs / 1000} s` : `${timeoutMs} ms`}`;
      const timer = Number.isFinite(timeoutMs)
        ? setTimeout(() => this.kill(new LivePlotError("timeout", `the engine did not answer ${method}() within ${limit}${this.blame()}`)), timeoutMs)
        : undefined;
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
        (error: unknown) => fail(new LivePlotError("worker-failed", `${method}() failed in the engine: ${errorMessage(error)}`)),
      );
    });
  }

  private junk = 0;
  private junkSince = 0;

  /** Comlink's answers carry a string id; anything else came from a job's own postMessage. */
  private readonly countJunk = (event: MessageEvent): void => {
    const data = event.data as { id?: unknown } | null;
    if (typeof data === "object" && data !== null && typeof data.id === "string") return;
    const now = performance.now();
    if (now - this.junkSince > 1000) {
      this.junkSince = now;
      this.junk = 0;
    }
    if (++this.junk > FLOOD_LIMIT) {
      this.kill(new LivePlotError("worker-failed", `the engine worker got over ${FLOOD_LIMIT} messages in a second from its jobs' own code (postMessage outside live-plot's protocol${this.group === "built-in" ? "" : `, from ${this.group}`}): it was ended`));
    }
  };

  /** Calls `watcher` if the worker dies or is ended; answers how to stop watching. */
  watch(watcher: (reason: LivePlotError) => void): () => void {
    this.watchers.add(watcher);
    return () => this.watchers.delete(watcher);
  }

  /** Whose code a hung worker was running, for the message. */
  private blame(): string {
    return this.group === "built-in" ? "" : ` (it runs ${this.group}, which may be blocking it: an endless loop?)`;
  }

  /** Ends the worker; pending calls reject with `reason`, and every plot watching hears it. */
  kill(reason: LivePlotError): void {
    if (this.deadReason) return;
    this.deadReason = reason;
    for (const fail of [...this.pending]) fail(reason);
    this.api[releaseProxy]();
    this.worker.terminate();
    this.onGone(this);
    // Last: a plot that hears it may start over at once, on a fresh worker, not this one.
    for (const watcher of [...this.watchers]) watcher(reason);
  }
}

const workers = new Set<EngineWorker>();

/** A plot's claim on one engine worker; `release()` ends the worker when no plot uses it. */
export interface EngineLease {
  call: EngineWorker["call"];
  callWithin: EngineWorker["callWithin"];
  /** `watcher` hears it if the worker dies or is ended while the lease is held. */
  watch(watcher: (reason: LivePlotError) => void): void;
  /** Ends the worker (for every plot on it) with `reason`. */
  kill(reason: LivePlotError): void;
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
  let unwatch = () => {};
  return {
    call: (method, ...args) => worker.call(method, ...args),
    callWithin: (timeoutMs, method, ...args) => worker.callWithin(timeoutMs, method, ...args),
    watch(watcher) {
      unwatch = worker.watch(watcher);
    },
    kill: (reason) => worker.kill(reason),
    release() {
      if (released) return;
      released = true;
      unwatch();
      if (--worker.jobs === 0) worker.kill(new LivePlotError("worker-failed", "the engine worker was shut down"));
    },
  };
}
