import { html, nothing } from "lit";
import { GLYPH_COLORS, type Scene } from "../../protocol/index.js";

/** One named series of a plot: what draws it (a display source), its name and its colour. */
export interface LegendEntry {
  source: string;
  name: string;
  color: string;
}

/** The named glyphs of every panel, in scene order: what the legend lists. */
export function legendEntries(scene: Scene): LegendEntry[] {
  return [scene, ...(scene.panels ?? [])].flatMap((panel) =>
    panel.glyphs.flatMap((glyph, i) => (glyph.kind !== "image" && glyph.name !== undefined ? [{ source: glyph.source, name: glyph.name, color: glyph.color ?? GLYPH_COLORS[i % GLYPH_COLORS.length]! }] : [])),
  );
}

/**
 * The legend (`part="legend"`), for a plot of two series or more: a button per series, pressed
 * while it shows; a click, Enter or Space hides or shows it.
 */
export function renderLegend(entries: readonly LegendEntry[], hidden: ReadonlySet<string>, toggle: (source: string) => void) {
  if (entries.length < 2) return nothing;
  return html`<div part="legend" role="group" aria-label="Series">
    ${entries.map(
      (entry) =>
        html`<button part="legend-item" aria-pressed=${hidden.has(entry.source) ? "false" : "true"} @click=${() => toggle(entry.source)}>
          <span class="swatch" style="background: ${entry.color}"></span>${entry.name}
        </button>`,
    )}
  </div>`;
}
