/** Simulated time of one `step()`: one display frame at 60 Hz. */
export const FRAME_MS = 1000 / 60;
