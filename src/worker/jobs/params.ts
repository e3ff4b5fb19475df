import { LivePlotError, describeValue } from "../../protocol/index.js";

export interface NumberRule {
  default: number;
  min?: number;
  max?: number;
  integer?: boolean;
}

/**
 * Reads numeric job parameters by rule, filling defaults. Unknown names are an error too: a typo
 * in a parameter name would otherwise be silently ignored. `others` names the parameters the job
 * reads in other ways.
 */
export function readNumbers<K extends string>(
  job: string,
  params: Record<string, unknown>,
  rules: Record<K, NumberRule>,
  others: readonly string[] = [],
): Record<K, number> {
  const known = [...Object.keys(rules), ...others];
  for (const name of Object.keys(params)) {
    if (!known.includes(name)) {
      throw new LivePlotError("invalid-params", `${job}: unknown parameter "${name}"; known: ${known.join(", ")}`);
    }
  }
  const out = {} as Record<K, number>;
  for (const name of Object.keys(rules) as K[]) {
    const rule = rules[name];
    const value = params[name] === undefined ? rule.default : params[name];
    // Stryker disable next-line ConditionalExpression: Number.isFinite below rejects every non-number as NaN does
    const number = typeof value === "number" ? value : NaN;
    const { min = -Infinity, max = Infinity } = rule;
    if (!Number.isFinite(number) || (rule.integer && !Number.isInteger(number)) || number < min || number > max) {
      const bounds = `${rule.integer ? "an integer" : "a number"}${rule.min === undefined ? "" : ` >= ${rule.min}`}${rule.max === undefined ? "" : ` <= ${rule.max}`}`;
      throw new LivePlotError("invalid-params", `${job}: ${name} must be ${bounds}, got ${describeValue(value)}`);
    }
    out[name] = number;
  }
  return out;
}

/** Whether `next` differs from `before` only in the parameters `live` (which a job can apply running). */
export function changesOnly(before: Record<string, unknown>, next: Record<string, unknown>, live: readonly string[]): boolean {
  const names = new Set([...Object.keys(before), ...Object.keys(next)]);
  return [...names].every((name) => live.includes(name) || sameParam(before[name], next[name]));
}

/** Typed arrays (data sets of millions) compare by their values; anything else by its JSON. */
function sameParam(a: unknown, b: unknown): boolean {
  if (!ArrayBuffer.isView(a) && !ArrayBuffer.isView(b)) return JSON.stringify(a) === JSON.stringify(b);
  const [x, y] = [a as ArrayLike<number> | null, b as ArrayLike<number> | null];
  return x?.constructor === y?.constructor && x!.length === y!.length && Array.prototype.every.call(x, (value, i) => Object.is(value, y![i]));
}

/** A parameter that must be an array of finite numbers (of `length` elements, if given). */
export function readVector(job: string, name: string, value: unknown, length?: number): number[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => Number.isFinite(v))) {
    throw new LivePlotError("invalid-params", `${job}: ${name} must be a non-empty array of finite numbers, got ${describeValue(value)}`);
  }
  if (length !== undefined && value.length !== length) {
    throw new LivePlotError("invalid-params", `${job}: ${name} must have ${length} elements, got ${value.length}`);
  }
  return value as number[];
}

