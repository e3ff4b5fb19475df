// One measured window of the page: animation-frame intervals, what the browser itself reports of
// long animation frames and slow input, and what this bookkeeping cost per frame.

/**
 * A frame's bookkeeping (a few array writes) never takes a millisecond: a tick that did was
 * interrupted (the thread descheduled, or collecting others' garbage) and counts apart.
 */
const INTERRUPTED_MS = 1;
/** Main-thread time past this in a task blocks input (the Long Tasks API's definition). */
const LONG_TASK_MS = 50;

/** Key events whose processing and paint took at least this long are reported (Event Timing's floor). */
const EVENT_THRESHOLD_MS = 16;

export interface Blocking {
  count: number;
  blockingMsPerSecond: number;
}

export interface WindowHooks {
  /** New intervals, now and then (the live chart); its cost counts as the benchmark's overhead. */
  onFrames?: (intervals: Float64Array) => void;
  /** Called once, half way through. */
  onHalf?: () => void;
}

export interface WindowRecord {
  /** Intervals between consecutive animation frames, ms. */
  intervals: Float64Array;
  /** First to last animation frame, seconds. */
  seconds: number;
  /** The benchmark's own per-frame work, ms per frame, over the frames in which it was not interrupted. */
  overheadMsPerFrame: number;
  interruptedFrames: number;
  /** Long Animation Frames and long tasks in the window, and their blocking time per second (null: not reported by this browser). */
  longFrames: Blocking | null;
  longTasks: Blocking | null;
  input: { keystrokes: number; slowEvents: number; worstMs: number | null } | null;
}

const supports = (type: string) => PerformanceObserver.supportedEntryTypes.includes(type);

/** Entries of `type` from now on, kept until taken. */
function observe(type: string, options: PerformanceObserverInit = {}): { take(): PerformanceEntry[] } | null {
  if (!supports(type)) return null;
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ type, buffered: false, ...options });
  return {
    take() {
      entries.push(...observer.takeRecords());
      observer.disconnect();
      return entries;
    },
  };
}

/** The next animation frame's timestamp. */
export const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));

/** Intervals of `count` animation frames (the idle page's, for the refresh estimate). */
export async function frameIntervals(count: number): Promise<number[]> {
  const intervals: number[] = [];
  let last = await nextFrame();
  while (intervals.length < count) {
    const now = await nextFrame();
    intervals.push(now - last);
    last = now;
  }
  return intervals;
}

/**
 * Measures `durationMs` of animation frames. `typing` counts keystrokes (Event Timing sees only
 * trusted ones: a person's, or the CLI's).
 */
export async function measureWindow(durationMs: number, typing: HTMLElement, { onFrames, onHalf }: WindowHooks = {}): Promise<WindowRecord> {
  const longFrames = observe("long-animation-frame");
  const longTasks = observe("longtask");
  const events = observe("event", { durationThreshold: EVENT_THRESHOLD_MS } as PerformanceObserverInit);
  let keystrokes = 0;
  const countKey = () => keystrokes++;
  typing.addEventListener("keydown", countKey);
  // Room for a 240 Hz display, preallocated: the loop allocates nothing.
  const intervals = new Float64Array(Math.ceil(durationMs / 4) + 16);
  let count = 0;
  let fed = 0;
  let overhead = 0;
  let interrupted = 0;
  const start = await nextFrame();
  let last = start;
  await new Promise<void>((done) => {
    const tick = (now: number) => {
      const begun = performance.now();
      if (count < intervals.length) intervals[count++] = now - last;
      last = now;
      if (onFrames && count - fed >= 8) {
        onFrames(intervals.slice(fed, count));
        fed = count;
      }
      if (onHalf && now - start >= durationMs / 2) {
        onHalf();
        onHalf = undefined;
      }
      if (now - start < durationMs) requestAnimationFrame(tick);
      else done();
      const spent = performance.now() - begun;
      if (spent < INTERRUPTED_MS) overhead += spent;
      else interrupted++;
    };
    requestAnimationFrame(tick);
  });
  typing.removeEventListener("keydown", countKey);
  // Event Timing reports an event after the paint that follows it.
  await nextFrame();
  const seconds = (last - start) / 1000;
  const inWindow = (entry: PerformanceEntry) => entry.startTime >= start && entry.startTime <= last;
  const blocking = longFrames?.take().filter(inWindow);
  const tasks = longTasks?.take().filter(inWindow);
  const slow = events?.take().filter((entry) => (entry as PerformanceEventTiming).interactionId > 0 && inWindow(entry));
  const perSecond = (entries: PerformanceEntry[], blocked: (entry: PerformanceEntry) => number) => ({
    count: entries.length,
    blockingMsPerSecond: entries.reduce((sum, entry) => sum + blocked(entry), 0) / seconds,
  });
  return {
    intervals: intervals.subarray(0, count),
    seconds,
    overheadMsPerFrame: overhead / Math.max(1, count - interrupted),
    interruptedFrames: interrupted,
    longFrames: blocking ? perSecond(blocking, (entry) => (entry as unknown as { blockingDuration: number }).blockingDuration) : null,
    longTasks: tasks ? perSecond(tasks, (entry) => Math.max(0, entry.duration - LONG_TASK_MS)) : null,
    input: slow ? { keystrokes, slowEvents: slow.length, worstMs: slow.length ? Math.max(...slow.map((entry) => entry.duration)) : null } : null,
  };
}
