// Types for the JavaScript tests' browser-side callbacks (page.evaluate, waitForFunction), which
// run in test pages. Checked with tsconfig.scripts.json.
import type { LivePlotConstructor, LivePlotElement, PlotStats } from "../../src/public-types.js";

/** A <live-plot> as the tests read it: snapshots are the jobs' JSON, read field by field. */
type TestPlot = Omit<LivePlotElement, "snapshot" | "stats"> & {
  snapshot(): Promise<Record<string, any>>;
  // Omit keeps a getter's type only: the stats setter takes what the attribute means.
  get stats(): PlotStats;
  set stats(show: boolean | string | null | undefined);
};

declare global {
  /** Test pages keep what they record (events, errors, timings) on window, under names of their own. */
  interface Window {
    [hook: string]: any;
  }
  /** In the test pages, the elements the tests look up are <live-plot>s. */
  interface ParentNode {
    querySelector<E extends Element = TestPlot>(selectors: string): E | null;
    querySelectorAll<E extends Element = TestPlot>(selectors: string): NodeListOf<E>;
  }
  interface Document {
    getElementById(elementId: string): TestPlot | null;
    querySelector<E extends Element = TestPlot>(selectors: string): E | null;
    querySelectorAll<E extends Element = TestPlot>(selectors: string): NodeListOf<E>;
  }
  interface CustomElementRegistry {
    get(name: "live-plot"): LivePlotConstructor | undefined;
  }
  interface Event {
    /** The tests listen to live-plot's CustomEvents. */
    readonly detail?: any;
  }
}
