// A job module that never returns from its factory: its worker hangs for good.
export default function create() {
  for (;;) {
    // spin
  }
}
