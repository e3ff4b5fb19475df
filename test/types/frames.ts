// Type-level tests, checked by `tsc --noEmit` (the first step of `npm test`): a job's frame follows
// from its scene. Each `@ts-expect-error` fails the type check if the error it expects goes away.
import type { ColumnArray, FrameData, FrameSource, Job, JobFactory, Scene } from "../../src/protocol/types.js";

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
function expectType<T extends true>(): T | undefined {
  return undefined;
}

const scene = {
  sources: {
    trail: { columns: { x: "f64", y: "f64" }, capacity: 100, mode: "append" },
    picture: { columns: { rgba: "u32" }, capacity: 4 },
  },
  glyphs: [
    { kind: "line", source: "trail", x: "x", y: "y" },
    { kind: "image", source: "picture", image: "rgba", width: 2, height: 2, x: 0, y: 0, dw: 1, dh: 1 },
  ],
} satisfies Scene;
type Frame = FrameData<typeof scene>;

// Each declared column has the array type its scene declares.
expectType<Equal<Frame["trail"]["columns"]["x"], Float64Array>>();
expectType<Equal<Frame["picture"]["columns"]["rgba"], Uint32Array>>();
expectType<Equal<keyof Frame, "trail" | "picture">>();
expectType<Equal<keyof Frame["trail"]["columns"], "x" | "y">>();
expectType<Equal<ColumnArray<"f64" | "u32">, Float64Array | Uint32Array>>();

// Without a scene type, frames are what the engine handles: any source, any column of either type.
expectType<Equal<FrameData, Record<string, FrameSource>>>();
expectType<Equal<FrameSource["columns"][string], Float64Array | Uint32Array>>();

export const typedJob: JobFactory = () => {
  const job: Job<typeof scene> = {
    scene,
    advance() {},
    write(frame) {
      // No casts: the columns are typed from the scene.
      frame.trail.columns.x.set([1, 2]);
      frame.picture.columns.rgba[0] = 0xff0000ff;
      frame.trail.length = 2;
      // @ts-expect-error the scene declares no source "head"
      frame.head.length = 1;
      // @ts-expect-error the trail has no column "z"
      frame.trail.columns.z.fill(0);
      // @ts-expect-error an f64 column is not a Uint32Array
      const pixels: Uint32Array = frame.trail.columns.y;
      void pixels;
    },
    snapshot: () => ({}),
    counters: () => ({ steps: 0 }),
  };
  // A typed job is a job: the engine takes it as any other.
  return job;
};

// A job whose write reads a column its scene does not declare does not compile.
export const wrongJob = (): Job<typeof scene> => ({
  scene,
  advance() {},
  // @ts-expect-error write's frame has no source "other"
  write(frame: { other: FrameSource }) {
    void frame;
  },
  snapshot: () => ({}),
  counters: () => ({ steps: 0 }),
});
