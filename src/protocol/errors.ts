import { shortenDataUrls } from "./values.js";

/** Every failure a user can see carries one of these codes (the `code` of `live-plot-error`). */
export type ErrorCode =
  /** `job` names no built-in job and is not a loadable module URL. */
  | "unknown-job"
  /** `params` is not a JSON object, or a parameter is out of range. */
  | "invalid-params"
  /** An attribute other than `params` has a value the element cannot use. */
  | "invalid-attribute"
  /** A user job module failed to load or does not export a job factory. */
  | "invalid-module"
  /** A data file (such as a CSV) could not be read or parsed. */
  | "invalid-data"
  /** An iteration diverged: the loss grew or stopped being finite. */
  | "diverged"
  /** An ODE right-hand side threw, or returned the wrong length or non-finite values. */
  | "rhs-failed"
  /** The ODE solver gave up: step size underflow or step limit. */
  | "solver-failed"
  /** The job threw while creating, advancing or writing a frame. */
  | "job-failed"
  /** The worker could not start, crashed, or was terminated under a pending call. */
  | "worker-failed"
  /** A control call got no answer in time. */
  | "timeout"
  /** The element was removed from the page before the work finished (`ready` rejects with it). */
  | "removed";

/** What crosses the wire for an error: Comlink drops `code` from thrown errors, so we send this. */
export interface ErrorInfo {
  code: ErrorCode;
  message: string;
}

export class LivePlotError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(shortenDataUrls(message));
    this.name = "LivePlotError";
    this.code = code;
  }

  static from(info: ErrorInfo): LivePlotError {
    return new LivePlotError(info.code, info.message);
  }
}

/** Every code, as a record so that the compiler insists on each one. */
// Stryker disable BooleanLiteral: only the keys are read (Object.hasOwn)
const KNOWN_CODES: Record<ErrorCode, true> = {
  "unknown-job": true,
  "invalid-params": true,
  "invalid-attribute": true,
  "invalid-module": true,
  "invalid-data": true,
  diverged: true,
  "rhs-failed": true,
  "solver-failed": true,
  "job-failed": true,
  "worker-failed": true,
  timeout: true,
  removed: true,
};
// Stryker restore BooleanLiteral

/**
 * Turns anything thrown into wire form. A LivePlotError keeps its code, and so does any error with
 * a known `code` (a user's job module need not import our class to say "invalid-params"); the rest
 * become `fallback`.
 */
export function toErrorInfo(error: unknown, fallback: ErrorCode): ErrorInfo {
  const message = shortenDataUrls(errorMessage(error));
  const code = (error as { code?: unknown } | null)?.code;
  return { code: typeof code === "string" && Object.hasOwn(KNOWN_CODES, code) ? (code as ErrorCode) : fallback, message };
}

/** What a thrown value says: an Error's message, or the value itself as text. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
