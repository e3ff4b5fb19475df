// The JobContext unit tests give jobs: no max-points, a file: base URL, a 600×300 plot.
import type { JobContext } from "../../src/protocol/types.js";

export function testContext(overrides: Partial<JobContext> = {}): JobContext {
  return { maxPoints: undefined, baseUrl: "file:///", viewport: { width: 600, height: 300 }, ...overrides };
}
