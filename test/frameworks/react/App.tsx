import { useState } from "react";
import "live-plot"; // defines <live-plot>
import type {} from "live-plot/react"; // its JSX typings

/** What the app's handlers received, for the test to read. */
declare global {
  interface Window {
    seen: { states: string[]; stats: number; fps: number | undefined };
  }
}
window.seen = { states: [], stats: 0, fps: undefined };

export function App() {
  const [title, setTitle] = useState("A travelling wave");
  const [params, setParams] = useState({ frequency: 3, speed: 2 });
  const [state, setState] = useState("");
  return (
    <main>
      <live-plot
        id="plot"
        job="wave"
        autostart
        controls
        stats
        tools
        plot-title={title}
        x-label="x"
        y-label="height"
        y-range="-2,2"
        width={600}
        height={250}
        backend="svg"
        max-points={1000}
        offscreen="run"
        link="apps"
        params={params}
        style={{ display: "block", width: 600 }}
        onlive-plot-state={(event) => {
          window.seen.states.push(event.detail.state);
          setState(event.detail.state);
        }}
        onlive-plot-stats={(event) => {
          window.seen.stats++;
          window.seen.fps = event.detail.fps;
        }}
      />
      <p id="state">{state}</p>
      <button id="retitle" onClick={() => setTitle("Retitled by React")}>
        Retitle
      </button>
      <button id="faster" onClick={() => setParams({ frequency: 5, speed: 4 })}>
        Faster
      </button>
    </main>
  );
}
