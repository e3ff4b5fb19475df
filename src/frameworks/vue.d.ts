// Template typings of <live-plot> for Vue 3 (vue-tsc, Volar), opted into with one line in the app:
//   import type {} from "live-plot/vue";
// (a separate entry point: it augments "vue", which a page without Vue does not have). The shape is
// the one Vue's guide gives for custom elements: an instance type whose `$props` are what a template
// may bind and whose `$emit` lists the events (`@live-plot-state="…"`).
// Vue's compiler must also be told that <live-plot> is a custom element: `compilerOptions.isCustomElement`.
import type { EmitFn, HTMLAttributes, PublicProps } from "vue";
import type { LivePlotElement, LivePlotEventMap } from "../public-types.js";
import type { LivePlotAttributes } from "./attributes.js";

/** <live-plot> as Vue's template type checking sees it. */
export type LivePlotVueComponent = new () => LivePlotElement & {
  /** @deprecated For template type checking only: no such property on the element. */
  $props: HTMLAttributes & LivePlotAttributes & PublicProps;
  /** @deprecated For template type checking only: no such property on the element. */
  $emit: EmitFn<{ [Name in keyof LivePlotEventMap]: (event: LivePlotEventMap[Name]) => void }>;
};

declare module "vue" {
  interface GlobalComponents {
    "live-plot": LivePlotVueComponent;
  }
}
