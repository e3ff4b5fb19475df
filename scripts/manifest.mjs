// Writes dist/custom-elements.json, the Custom Elements Manifest of <live-plot>: the analyzer reads
// the element's source (its static properties and JSDoc: @fires, @csspart, @cssprop), then this
// keeps only the public surface and points the module at the bundle users load.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SOURCE = "src/ui/live-plot/live-plot.ts";
// The analyzer also writes this path into package.json's "customElements" unless it is already there.
const OUTDIR = "dist";

export function writeManifest() {
  const analyzer = join("node_modules", "@custom-elements-manifest", "analyzer", "cem.js");
  execFileSync(process.execPath, [analyzer, "analyze", "--litelement", "--quiet", "--globs", SOURCE, "--outdir", OUTDIR]);
  const file = join(OUTDIR, "custom-elements.json");
  writeFileSync(file, JSON.stringify(publicSurface(JSON.parse(readFileSync(file, "utf8"))), null, 2) + "\n");
}

function publicSurface(manifest) {
  for (const module of manifest.modules) {
    module.path = "dist/live-plot.js";
    for (const declaration of module.declarations) {
      if (declaration.kind !== "class") continue;
      const hidden = new Set(declaration.members.filter((m) => m.privacy === "private" || m.privacy === "protected").map((m) => m.name));
      declaration.members = declaration.members.filter((m) => !hidden.has(m.name));
      declaration.attributes = declaration.attributes.filter((a) => !hidden.has(a.fieldName));
      declaration.attributes.push({
        name: "state",
        fieldName: "state",
        type: { text: '"loading" | "ready" | "running" | "stopped" | "finished" | "error"' },
        description: "Read-only, reflected from the element: its current state.",
      });
      // Events come from the @fires tags; the generic dispatch helper is not one.
      declaration.events = declaration.events.filter((e) => e.name.startsWith("live-plot-"));
    }
    module.exports = [
      ...(module.exports ?? []).map((entry) => ({ ...entry, declaration: { ...entry.declaration, module: module.path } })),
      { kind: "custom-element-definition", name: "live-plot", declaration: { name: "LivePlot", module: module.path } },
    ];
  }
  return manifest;
}
