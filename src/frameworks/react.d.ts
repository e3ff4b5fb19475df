// JSX typings of <live-plot> for React 19, opted into with one line in the app:
//   import type {} from "live-plot/react";
// (a separate entry point: it augments "react", which a page without React does not have).
// Attributes by their kebab-case names; events as `on` + the event's own name, as React 19 listens
// on custom elements: <live-plot job="wave" stats onlive-plot-state={(e) => e.detail.state} />.
import type { DetailedHTMLProps, HTMLAttributes } from "react";
import type { LivePlotElement, LivePlotEventMap } from "../public-types.js";
import type { LivePlotAttributes } from "./attributes.js";

/** `onlive-plot-state`, `onlive-plot-stats`, …: handlers of the element's events (React adds a listener). */
export type LivePlotReactEventProps = {
  [Name in keyof LivePlotEventMap as `on${Name}`]?: (event: LivePlotEventMap[Name]) => void;
};

/** The props of <live-plot> in React: HTML's (`id`, `className`, `style`, …), `ref`, `key`, its attributes and events. */
export type LivePlotReactProps = DetailedHTMLProps<HTMLAttributes<LivePlotElement>, LivePlotElement> &
  LivePlotAttributes &
  LivePlotReactEventProps & {
    /** React 19 passes `class` to custom elements as it is (as `className`). */
    class?: string;
  };

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "live-plot": LivePlotReactProps;
    }
  }
}
