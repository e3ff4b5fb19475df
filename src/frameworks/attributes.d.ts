// What a framework's templates may give <live-plot>: its attributes by their kebab-case names, typed
// as the element takes them. Shared by the opt-in typings for React (react.d.ts) and
// Vue (vue.d.ts); copied by build.mjs to dist/types/frameworks/.
import type { Backend, LivePlotElement } from "../public-types.js";

/**
 * The element's attributes. React 19 and Vue set a name the element has as a property (`job`,
 * `params`, `autostart`, `controls`, `tools`, `stats`, `width`, `height`, `backend`, `offscreen`,
 * `link`), so those take values (an object for `params`, booleans, numbers); the kebab-case names
 * are set as attributes (text).
 */
export interface LivePlotAttributes {
  /** A built-in job name, or the URL of a job module (resolved against the page). */
  job?: LivePlotElement["job"];
  /** Job parameters: an object (or its JSON text); changes apply live where the job allows. */
  params?: Record<string, unknown> | string | null;
  autostart?: boolean;
  controls?: boolean;
  tools?: boolean;
  /** Show the live readout: `true` (or any text, as an attribute's presence); `false` hides it. */
  stats?: boolean | string | null;
  /** CSS pixels; default: the container's width. */
  width?: number;
  /** CSS pixels; default 300. */
  height?: number;
  "plot-title"?: string;
  "x-label"?: string;
  "y-label"?: string;
  /** `auto` (follow the data) or `min,max`. */
  "x-range"?: string;
  /** `auto` (follow the data) or `min,max`. */
  "y-range"?: string;
  backend?: Backend;
  "max-points"?: number | string;
  "engine-url"?: string;
  /** Out of sight: "pause" (default) or "run" (keep simulating, draw nothing). */
  offscreen?: "pause" | "run";
  /** Plots with the same `link` share their x range and the hover readout's x. */
  link?: string;
}
