// Type-checked only (not built): the typings from "live-plot/react" accept what README documents and
// refuse what the element does not take.
import { useRef } from "react";
import type { LivePlotElement } from "live-plot";
import type {} from "live-plot/react";

export function Typed() {
  const ref = useRef<LivePlotElement>(null);
  void ref.current?.snapshot();
  return (
    <>
      <live-plot
        ref={ref}
        key="a"
        id="a"
        className="plot"
        class="plot"
        job="lorenz"
        params='{"sigma": 10}'
        stats={false}
        width={600}
        height={300}
        x-label="t"
        y-label="u"
        x-range="auto"
        y-range="-1,1"
        backend="webgl"
        max-points={5000}
        engine-url="/live-plot.worker.js"
        offscreen="run"
        link="group"
        onlive-plot-ready={(event) => event.detail}
        onlive-plot-finished={(event) => event.detail.snapshot}
        onlive-plot-error={(event) => event.detail.code.toUpperCase()}
        onlive-plot-view={(event) => event.detail.following}
        onlive-plot-restarted={(event) => event.detail.message}
      />
      {/* @ts-expect-error: params is an object or JSON text */}
      <live-plot params={42} />
      {/* @ts-expect-error: offscreen is "pause" or "run" */}
      <live-plot offscreen="sometimes" />
      {/* @ts-expect-error: width is a number of CSS pixels (React sets it as a property) */}
      <live-plot width="600" />
      {/* @ts-expect-error: backend is canvas, webgl or svg */}
      <live-plot backend="vml" />
      {/* @ts-expect-error: a state event's detail has no fps */}
      <live-plot onlive-plot-state={(event) => event.detail.fps} />
      {/* @ts-expect-error: the ref is the element's */}
      <live-plot ref={useRef<HTMLCanvasElement>(null)} />
    </>
  );
}
