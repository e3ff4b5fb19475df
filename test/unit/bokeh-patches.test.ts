// The BokehJS patches (src/ui/bokeh/repaint.ts) fail loudly: every target they name is checked here
// against the installed BokehJS's own sources, so an upgrade that moves or renames one fails the
// tests instead of quietly switching a patch off.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";

const LIB = "node_modules/@bokeh/bokehjs/build/js/lib/";
/** Where each patched class and its ancestors are defined. */
const SOURCES: Record<string, string[]> = {
  GlyphRendererView: ["models/renderers/glyph_renderer.js", "models/renderers/renderer.js"],
  PlotView: ["models/plots/plot_canvas.js"],
  VisualProperties: ["core/visuals/visual.js"],
  ImageBaseView: ["models/glyphs/image_base.js"],
  InlineStyleSheet: ["core/dom.js"],
  GlyphView: ["models/glyphs/glyph.js"],
};

test("BokehJS is the version the patches were written for, and has every member they patch", () => {
  assert.equal(JSON.parse(readFileSync("node_modules/@bokeh/bokehjs/package.json", "utf8")).version, "3.10.0");
  const patches = readFileSync("src/ui/bokeh/repaint.ts", "utf8");
  const targets = [...patches.matchAll(/has\(`?"?(\w+)\.(\$\{name\}|\w+)/g)].map((match) => [match[1]!, match[2]!] as const);
  const named = targets.flatMap(([owner, member]) => (member === "${name}" ? ["set_data", "set_visuals", "map_data", "_update_masked_indices"].map((name) => [owner, name] as const) : [[owner, member] as const]));
  assert.ok(named.length >= 12, `${named.length} patch targets found`);
  for (const [owner, member] of named) {
    const files = SOURCES[owner];
    assert.ok(files, `no source listed for ${owner}`);
    const source = files.map((file) => readFileSync(LIB + file, "utf8")).join("\n");
    assert.match(source, new RegExp(`(^|\\s)(get |async )?${member}(\\(|\\s*=|;)`, "m"), `BokehJS has ${owner}.${member}`);
  }
});
