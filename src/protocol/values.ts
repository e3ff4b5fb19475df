// Recognising and describing values that cross the wire, for both sides' error messages.

/** A JSON-style object: not null, not an array. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A value as an error message quotes it: short, and never a whole data set. */
export function describeValue(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return value.length <= 8 ? JSON.stringify(value) : "an array";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "object") return "an object";
  return String(value);
}


/** A data: URL longer than this is quoted by its type and length only. */
const DATA_URL_QUOTED = 80;

/**
 * Text with every long data: URL in it cut to its type and length (`data:text/javascript,… (4312
 * characters)`): a bundler's inlined module, quoted whole, would bury the message that names it.
 */
export function shortenDataUrls(text: string): string {
  return text.replace(/data:([^,\s]*),[^\s"'<>)]*/g, (match, type: string) => {
    // Punctuation that ends a sentence or a clause ("…: failed") is the message's, not the URL's.
    const url = match.replace(/[:.,;]+$/, "");
    return url.length <= DATA_URL_QUOTED ? match : `data:${type},… (${url.length} characters)${match.slice(url.length)}`;
  });
}

/**
 * A module given as TypeScript source: a .ts/.mts/.tsx path, or a data: URL of a TypeScript type
 * (Vite's `?url` inlines a small .ts file as `data:video/mp2t`, the MIME type of the .ts extension).
 */
const TYPESCRIPT_SOURCE = /^data:(video\/mp2t|application\/(x-)?typescript|text\/typescript)[;,]|\.(ts|mts|tsx)([?#]|$)/i;

/** What to say of a module at `url` that is TypeScript source (undefined if it is not). */
export function typeScriptSourceProblem(what: string, url: string): string | undefined {
  if (!TYPESCRIPT_SOURCE.test(url)) return undefined;
  return `${what} ${url} is TypeScript source, which browsers cannot run: give the URL of its JavaScript build (with a bundler, build the module as an entry of its own: see README, "Bundlers")`;
}
