/** A CSS colour with an extra alpha as one 0xAABBGGRR pixel (little-endian bytes R, G, B, A). */
export function pixelColor(css: string, alpha = 1): number {
  const [r, g, b, a] = parse(css);
  return ((Math.round(a * alpha * 255) << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

const cache = new Map<string, [number, number, number, number]>();

function parse(css: string): [number, number, number, number] {
  const hex = /^#([0-9a-f]{3,8})$/i.exec(css.trim())?.[1];
  if (hex && (hex.length === 3 || hex.length === 6)) {
    const full = hex.length === 3 ? [...hex].map((c) => c + c).join("") : hex;
    return [parseInt(full.slice(0, 2), 16), parseInt(full.slice(2, 4), 16), parseInt(full.slice(4, 6), 16), 1];
  }
  let known = cache.get(css);
  if (!known) {
    // Any other CSS colour ("red", "rgb(…)"): let a 1-pixel canvas read it, where there is one.
    known = [31, 119, 180, 1];
    if (typeof OffscreenCanvas === "function") {
      const context = new OffscreenCanvas(1, 1).getContext("2d")!;
      context.fillStyle = css;
      context.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = context.getImageData(0, 0, 1, 1).data;
      known = [r!, g!, b!, a! / 255];
    }
    cache.set(css, known);
  }
  return known;
}
