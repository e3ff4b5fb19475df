/**
 * mulberry32: a small, fast, seeded generator of uniform numbers in [0, 1). The same seed gives the
 * same sequence everywhere, which makes image runs reproducible (and checkable by checksum).
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}

/** One RGBA pixel as a Uint32Array element on little-endian platforms (bytes R, G, B, A). */
export function rgba(r: number, g: number, b: number, a = 255): number {
  return ((a << 24) | (b << 16) | (g << 8) | r) >>> 0;
}
