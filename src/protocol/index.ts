// What the page and the worker share: wire types and the job contract (types.ts), errors, and the
// few values both sides compute alike. No DOM, no worker globals; each side keeps its own helpers.
export * from "./errors.js";
export * from "./jobs.js";
export * from "./scene.js";
export * from "./types.js";
export * from "./values.js";
