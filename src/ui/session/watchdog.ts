import type { EngineLease } from "./engine-client.js";
import type { FrameReceiver } from "./frame-receiver.js";

/** How often the watchdog looks. */
const CHECK_MS = 500;
/** Frames missing this long from a running plot in sight: time to ask whether the worker lives. */
const SILENCE_MS = 1000;

/**
 * Keeps a plot's `running` honest. When frames stop coming (or a long step is under way) it pings the
 * worker; a worker that does not answer within `patienceMs` is ended, and every plot on it hears why
 * (engine-client.ts). A busy worker still answers: every job works in slices.
 */
export class Watchdog {
  private readonly timer: ReturnType<typeof setInterval>;
  private pinging = false;
  private longCalls = 0;

  constructor(
    private readonly lease: EngineLease,
    private readonly receiver: FrameReceiver,
    private readonly patienceMs: number,
  ) {
    this.timer = setInterval(this.check, CHECK_MS);
  }

  /** A call that may rightly take long (a step of many frames): the worker is pinged while it lasts. */
  async during<T>(call: Promise<T>): Promise<T> {
    this.longCalls++;
    try {
      return await call;
    } finally {
      this.longCalls--;
    }
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private readonly check = (): void => {
    if (this.pinging || (this.longCalls === 0 && this.receiver.silentFor(performance.now()) < SILENCE_MS)) return;
    this.pinging = true;
    // A timeout ends the worker and tells its plots; nothing else to do here.
    this.lease
      .callWithin(this.patienceMs, "ping")
      .catch(() => {})
      .finally(() => (this.pinging = false));
  };
}
