import type { ReactiveController, ReactiveControllerHost } from "lit";
import { LivePlotError, type JobSpec } from "../../protocol/index.js";
import type { PlotOptions } from "../bokeh/plot.js";
import { PlotSession, type SessionEvents } from "../session/plot-session.js";

/** What a session is opened from: the job, where the engine is, how to draw. */
export interface SessionConfig {
  spec: JobSpec;
  engineUrl: string | undefined;
  options: PlotOptions;
}

/** What the element does at each turn of the session's life. */
export interface SessionHooks extends SessionEvents {
  /** Reads the attributes into what to open; throws a LivePlotError for a bad one. */
  config(): SessionConfig;
  /** Where the plot is drawn (null before the element first rendered). */
  container(): HTMLElement | null;
  /** A boot begins: the element shows `loading`. */
  booting(): void;
  /** The session of the latest boot is open. */
  opened(session: PlotSession): void;
  /** The latest boot failed. */
  failed(error: unknown): void;
}

/**
 * The life of an element's PlotSession: boot, teardown, and `ready`. Every boot and teardown bumps
 * a generation, so a boot that finishes after a newer one (or after the element left) frees what it
 * opened, and news from a session since replaced is dropped, as `@lit/task` drops stale results.
 * A move (removed and put back within one task) keeps the session: its job, state and time go on.
 */
export class SessionController implements ReactiveController {
  /** The open session, if any. */
  session: PlotSession | undefined;
  private generation = 0;
  private booting: Promise<void> = Promise.resolve();
  /** Connected, and not booted since. */
  private bootDue = false;
  /** Disconnected, and to be torn down at the end of the task unless connected again before. */
  private leaving = false;
  private readyPromise!: Promise<void>;
  private settleReady!: { resolve: () => void; reject: (error: Error) => void };
  private readySettled = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly hooks: SessionHooks,
  ) {
    host.addController(this);
    this.renewReady();
  }

  /** Settles when the latest boot's session is open; rejects if it fails, or the element leaves first. */
  get ready(): Promise<void> {
    return this.readyPromise;
  }

  /** Whether the element was connected and waits for its first boot there. */
  get due(): boolean {
    return this.bootDue;
  }

  hostConnected(): void {
    if (this.leaving) {
      this.leaving = false;
      return;
    }
    this.bootDue = true;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    // Freed at the end of this task, unless the element is back by then (a move, a re-sorted list).
    this.leaving = true;
    queueMicrotask(() => {
      if (!this.leaving) return;
      this.leaving = false;
      this.teardown();
      // Whoever awaits `ready` hears why it never came; put back later, the element boots afresh.
      if (!this.readySettled) {
        this.settleReady.reject(new LivePlotError("removed", "the element was removed from the page before it was ready"));
        this.renewReady();
      }
    });
  }

  /**
   * Opens a new session in place of the current one. Settles when it is open or has failed, with
   * whether it is still the element's (no newer boot or teardown came meanwhile).
   */
  boot(): Promise<boolean> {
    this.teardown();
    this.bootDue = false;
    const generation = this.generation;
    if (this.readySettled) this.renewReady();
    this.hooks.booting();
    const current = () => generation === this.generation;
    this.booting = (async () => {
      try {
        const { spec, engineUrl, options } = this.hooks.config();
        const session = await PlotSession.open(spec, engineUrl, this.hooks.container()!, options, {
          finished: (snapshot) => current() && this.hooks.finished(snapshot),
          error: (error) => current() && this.hooks.error(error),
          stats: (stats) => current() && this.hooks.stats(stats),
          workerLost: (error) => current() && this.hooks.workerLost(error),
        });
        if (!current()) return session.dispose();
        this.session = session;
        this.hooks.opened(session);
        this.settleReady.resolve();
      } catch (error) {
        if (current()) this.hooks.failed(error);
      }
    })();
    return this.booting.then(current);
  }

  /** The session once any boot is over, or undefined if there is none. */
  async settled(): Promise<PlotSession | undefined> {
    await this.booting;
    return this.session;
  }

  /**
   * Runs a control call on the session; its failure goes to `failed` unless the session was replaced
   * meanwhile (a call on a session since replaced speaks for nothing now).
   */
  async control(call: () => Promise<void>, failed: (error: unknown) => void): Promise<void> {
    const generation = this.generation;
    try {
      await call();
    } catch (error) {
      if (generation === this.generation) failed(error);
    }
  }

  /** Frees the session and its plot; `ready` rejects with `error` if it is still pending. */
  close(error: LivePlotError): void {
    this.teardown();
    this.settleReady.reject(error);
  }

  /** Frees the session and its plot (a boot under way finds itself stale). */
  teardown(): void {
    this.generation++;
    this.session?.dispose();
    this.session = undefined;
    this.hooks.container()?.replaceChildren();
  }

  private renewReady(): void {
    this.readySettled = false;
    this.readyPromise = new Promise<void>((resolve, reject) => {
      this.settleReady = {
        resolve: () => {
          this.readySettled = true;
          resolve();
        },
        reject: (error) => {
          this.readySettled = true;
          reject(error);
        },
      };
    });
    // Nobody has to await `ready`: an unobserved failure must not become an unhandled rejection.
    this.readyPromise.catch(() => {});
  }
}
