// Types and pure validation shared by the page and the worker: no DOM, no worker globals.
export * from "./errors.js";
export * from "./types.js";
export * from "./validate.js";
