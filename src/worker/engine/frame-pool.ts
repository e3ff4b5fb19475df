import type { FrameData, Scene } from "../../protocol/index.js";
import { newColumns } from "../reduction/series.js";

/**
 * The buffer sets of one job. A set is out while the page holds it and comes back with a credit;
 * in steady state nothing is allocated. Sets from an earlier scene (a restart changed the sizes)
 * are dropped on return instead of reused.
 */
export class FramePool {
  private readonly free: FrameData[] = [];
  /** Buffer sets ever allocated: constant after start-up, which the tests check. */
  allocated = 0;

  constructor(
    private readonly scene: Scene,
    size: number,
  ) {
    for (let i = 0; i < size; i++) this.free.push(this.allocate());
  }

  take(): FrameData | undefined {
    return this.free.pop();
  }

  give(frame: FrameData): void {
    if (this.fits(frame)) this.free.push(frame);
  }

  private allocate(): FrameData {
    this.allocated++;
    const frame: FrameData = {};
    for (const [name, spec] of Object.entries(this.scene.sources)) frame[name] = { length: 0, columns: newColumns(spec.columns, spec.capacity) };
    return frame;
  }

  private fits(frame: FrameData): boolean {
    return Object.entries(this.scene.sources).every(([name, spec]) => {
      const source = frame[name];
      return (
        source !== undefined &&
        Object.entries(spec.columns).every(([column, type]) => {
          const array = source.columns[column];
          return array !== undefined && array.length === spec.capacity && (type === "u32") === array instanceof Uint32Array;
        })
      );
    });
  }
}
