import { LivePlotError, typeScriptSourceProblem } from "../../protocol/index.js";

/**
 * Where live-plot loads code and data from on a page's behalf (job modules, `ode` right-hand sides,
 * CSV files): the page's own origin, `blob:` URLs the page made, and the origins the page allows.
 * A URL in `params` is as good as a script tag: without this, whoever can set an attribute could
 * run code from anywhere (a `data:` URL, another site) with the page's privileges.
 */
let allowed: string[] = [];

/** The origins allowed besides the page's own (`LivePlot.allowedOrigins`). */
export function allowedOrigins(): string[] {
  return [...allowed];
}

export function setAllowedOrigins(origins: unknown): void {
  if (!Array.isArray(origins) || !origins.every((origin) => typeof origin === "string")) {
    throw new LivePlotError("invalid-attribute", `LivePlot.allowedOrigins takes an array of origins such as ["https://cdn.example.org"], got ${JSON.stringify(origins)}`);
  }
  allowed = origins.map((origin) => new URL(origin).origin);
}

/** URLs in messages are cut short: a `data:` URL can be kilobytes long. */
function shown(url: string): string {
  return url.length > 80 ? `${url.slice(0, 77)}...` : url;
}

/** `url` resolved against the page, if the policy lets live-plot load it as `what`; else invalid-module saying how to allow it. */
export function checkedUrl(what: string, url: string): string {
  const resolved = new URL(url, document.baseURI);
  const page = location.origin;
  const origin = resolved.protocol === "blob:" ? blobOrigin(resolved) : webOrigin(resolved);
  const sameOrigin = origin === page && page !== "null";
  const localFile = resolved.protocol === "file:" && location.protocol === "file:";
  const httpAllowed = ["https:", "http:", "wss:", "ws:"].includes(resolved.protocol) && allowed.includes(origin);
  if (sameOrigin || localFile || httpAllowed) return resolved.href;
  if (resolved.protocol === "data:" || resolved.protocol === "blob:") {
    const typeScript = typeScriptSourceProblem(what, shown(url));
    if (typeScript) throw new LivePlotError("invalid-module", typeScript);
    throw new LivePlotError(
      "invalid-module",
      `${what} ${shown(url)} is refused: live-plot loads code and data only from this page's origin, blob: URLs this page made (URL.createObjectURL), or origins in LivePlot.allowedOrigins${resolved.protocol === "data:" ? ` (a bundler inlined this module: build it as an entry of its own, see README, "Bundlers")` : ""}`,
    );
  }
  throw new LivePlotError(
    "invalid-module",
    `${what} ${shown(resolved.href)} is from another origin (${origin}); to allow it, set LivePlot.allowedOrigins = [${JSON.stringify(origin)}] before the plot starts`,
  );
}

/** A URL's origin, a WebSocket's taken as the web origin it shares a host with (ws: as http:, wss: as https:). */
function webOrigin(url: URL): string {
  if (url.protocol !== "ws:" && url.protocol !== "wss:") return url.origin;
  return new URL(url.href.replace(/^ws/, "http")).origin;
}

/** The origin that made a `blob:` URL ("null" for a file:// page's). */
function blobOrigin(url: URL): string {
  try {
    return new URL(url.pathname).origin;
  } catch {
    return "null";
  }
}

/** The parameters of built-in jobs that name a URL to load. */
const URL_PARAMS: Record<string, readonly string[]> = { ode: ["rhs"], regression: ["csv"], stream: ["url"] };

/** Checks the URLs a built-in job's params name (the job itself checks their type). */
export function checkParamUrls(job: string, params: Record<string, unknown>): void {
  for (const name of URL_PARAMS[job] ?? []) {
    const value = params[name];
    if (typeof value === "string" && value.trim() !== "") checkedUrl(`${job}: ${name}`, value);
  }
}
