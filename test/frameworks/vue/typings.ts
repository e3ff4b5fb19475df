// Type-checked only (not built): the typings from "live-plot/vue" give Vue's template type checking
// (vue-tsc) the element's props and events, and refuse what the element does not take.
import type { GlobalComponents } from "vue";
import type {} from "live-plot/vue";

type Instance = InstanceType<GlobalComponents["live-plot"]>;
type Props = Instance["$props"];

export const documented: Props = {
  job: "wave",
  params: { frequency: 3, speed: 2 },
  autostart: true,
  controls: true,
  tools: true,
  stats: "",
  width: 600,
  height: 300,
  "plot-title": "A travelling wave",
  "x-label": "x",
  "y-label": "u",
  "x-range": "auto",
  "y-range": "-1,1",
  backend: "svg",
  "max-points": "5000",
  "engine-url": "/live-plot.worker.js",
  offscreen: "pause",
  link: "group",
  class: "plot",
  style: { display: "block" },
  id: "plot",
  key: 1,
};
// @ts-expect-error: params is an object or JSON text
export const badParams: Props = { params: 42 };
// @ts-expect-error: offscreen is "pause" or "run"
export const badOffscreen: Props = { offscreen: "sometimes" };

// The events as @live-plot-state="…" sees them (vue-tsc reads $emit).
export function events(instance: Instance) {
  instance.$emit("live-plot-state", new CustomEvent("live-plot-state", { detail: { state: "running" } }));
  // @ts-expect-error: a state event's detail is {state}
  instance.$emit("live-plot-state", new CustomEvent("live-plot-state", { detail: { fps: 60 } }));
  // @ts-expect-error: no such event
  instance.$emit("live-plot-stat", new CustomEvent("x"));
  // The element itself: its methods, typed.
  return instance.snapshot();
}
