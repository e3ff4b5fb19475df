// A Vue 3 app using <live-plot> as README says, built by Vite (test/browser/frameworks.test.mjs).
// The template is compiled in the browser (vite.config.js aliases Vue's full build), as a template
// in an .vue file would be by @vitejs/plugin-vue: the same compiler, the same output.
import { createApp, defineComponent, ref } from "vue";
import "live-plot"; // defines <live-plot>
import type {} from "live-plot/vue"; // its template typings (for vue-tsc)
import type { LivePlotEventMap } from "live-plot";

/** What the app's handlers received, for the test to read. */
declare global {
  interface Window {
    seen: { states: string[]; stats: number; fps: number | undefined };
  }
}
window.seen = { states: [], stats: 0, fps: undefined };

const App = defineComponent({
  setup() {
    const title = ref("A travelling wave");
    const params = ref({ frequency: 3, speed: 2 });
    const state = ref("");
    const onState = (event: LivePlotEventMap["live-plot-state"]) => {
      window.seen.states.push(event.detail.state);
      state.value = event.detail.state;
    };
    const onStats = (event: LivePlotEventMap["live-plot-stats"]) => {
      window.seen.stats++;
      window.seen.fps = event.detail.fps;
    };
    return { title, params, state, onState, onStats };
  },
  template: `
    <main>
      <live-plot id="plot" job="wave" autostart controls stats tools
        :plot-title="title" x-label="x" y-label="height" y-range="-2,2" :width="600" :height="250"
        backend="svg" :max-points="1000" offscreen="run" link="apps" :params="params" style="display: block; width: 600px"
        @live-plot-state="onState" @live-plot-stats="onStats"></live-plot>
      <p id="state">{{ state }}</p>
      <button id="retitle" @click="title = 'Retitled by Vue'">Retitle</button>
      <button id="faster" @click="params = { frequency: 5, speed: 4 }">Faster</button>
    </main>`,
});

const app = createApp(App);
// <live-plot> is a custom element, not a Vue component.
app.config.compilerOptions.isCustomElement = (tag) => tag === "live-plot";
app.mount("#app");
