import assert from "node:assert/strict";
import { LivePlotError, type ErrorCode } from "../../src/protocol/errors.js";

/** assert.throws predicate: a LivePlotError with `code` whose message matches `message`, if given. */
export function failsWith(code: ErrorCode, message?: RegExp) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof LivePlotError, `expected a LivePlotError, got ${String(error)}`);
    assert.equal(error.code, code);
    if (message) assert.match(error.message, message);
    return true;
  };
}
