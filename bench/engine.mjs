// The engine's own benchmarks, one after another, each in a process of its own: the ODE evaluation
// rate, the frame cost against the seed's approach, and the pixel-bounded cases with their targets
// (the 10^6-point trail, 16 plots, the 10^6-row stream, …). `npm run bench:engine` runs them alone;
// a full `npm run bench` (not --quick, not --scenarios) runs them after its scenarios, so that every
// target is a line of `npm run bench`.
import { execFileSync } from "node:child_process";

for (const script of ["bench/ode-rate.mjs", "bench/frame-cost.mjs", "bench/reduction.mjs"]) {
  execFileSync(process.execPath, [script], { stdio: "inherit" });
}
