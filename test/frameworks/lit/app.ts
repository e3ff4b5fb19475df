// A Lit element using <live-plot>, checked (not built) by lit-analyzer --strict against the installed
// package's declarations (test/browser/frameworks.test.mjs): every documented attribute is known and
// typed; the last plot holds the two mistakes the analyzer must report, and nothing else may be.
import { LitElement, html } from "lit";
import "live-plot";

export class PlotsApp extends LitElement {
  override render() {
    return html`
      <live-plot job="lorenz" params='{"sigma": 10}' autostart controls tools stats width="600" height="300"
        plot-title="Lorenz" x-label="x" y-label="z" x-range="auto" y-range="0,50" backend="webgl"
        max-points="5000" engine-url="/live-plot.worker.js" offscreen="run" link="group"
        @live-plot-state=${(event: CustomEvent<{ state: string }>) => event.detail.state}></live-plot>
      <live-plot job="wave" .params=${{ frequency: 3 }} ?stats=${true}></live-plot>
      <live-plot job="wave" x-rnage="auto" backend="vml"></live-plot>
    `;
  }
}
customElements.define("plots-app", PlotsApp);
