import "live-plot";

// The job module is a second entry of the build (vite.config.js): JavaScript at /walk.js once built,
// its TypeScript source through the dev server.
const plot = document.createElement("live-plot");
plot.id = "walk";
plot.job = import.meta.env.DEV ? "/walk.ts" : "/walk.js";
plot.params = { points: 300 };
plot.autostart = true;
document.body.append(plot);
