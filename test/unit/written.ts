import assert from "node:assert/strict";
import type { FrameData, Job } from "../../src/protocol/types.js";
import { FramePool } from "../../src/worker/engine/frame-pool.js";

/** Writes the job's current state into a fresh buffer set of its scene. */
export function written(job: Job): FrameData {
  const frame = new FramePool(job.scene, 1).take();
  assert.ok(frame, "a pool of one has a buffer set to take");
  job.write(frame);
  return frame;
}
