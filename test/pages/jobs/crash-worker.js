// A job module that kills its worker: an uncaught error in the worker while create() is pending.
// The page's engine client must reject the pending call instead of waiting forever.
export default function create() {
  setTimeout(() => {
    throw new Error("crash-worker: the worker dies here");
  }, 0);
  return new Promise(() => {});
}
