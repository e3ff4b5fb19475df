// Writes what editors and tools know of <live-plot>, all from one source, the element's code:
// - dist/custom-elements.json, the Custom Elements Manifest: the analyzer reads the element's source
//   (its static properties and JSDoc: @fires with detail types, @csspart, @cssprop); this keeps the
//   public surface, spells out the allowed values of `job`, `backend` and `state` (from the lists the
//   code itself checks against) and points the module at the bundle users load;
// - dist/vscode.html-custom-data.json (VS Code's custom HTML data) and dist/web-types.json
//   (JetBrains' web-types, package.json's "web-types"), made from that manifest.
import * as esbuild from "esbuild";
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const SOURCE = "src/ui/live-plot/live-plot.ts";
// The analyzer also writes this path into package.json's "customElements" unless it is already there.
const OUTDIR = "dist";

export async function writeManifest() {
  const analyzer = join("node_modules", "@custom-elements-manifest", "analyzer", "cem.js");
  execFileSync(process.execPath, [analyzer, "analyze", "--litelement", "--quiet", "--globs", SOURCE, "--outdir", OUTDIR]);
  const file = join(OUTDIR, "custom-elements.json");
  const manifest = publicSurface(JSON.parse(readFileSync(file, "utf8")), await allowedValues());
  const write = (name, data) => writeFileSync(join(OUTDIR, name), JSON.stringify(data, null, 2) + "\n");
  write("custom-elements.json", manifest);
  const element = elementOf(manifest);
  const { name, version } = JSON.parse(readFileSync("package.json", "utf8"));
  write("vscode.html-custom-data.json", vsCodeCustomData(element));
  write("web-types.json", webTypes(element, name, version));
}

/**
 * The lists the element checks its input against, taken from the code (bundled and imported here),
 * so that what editors offer is what the element takes.
 */
async function allowedValues() {
  const { outputFiles } = await esbuild.build({
    stdin: {
      contents: `export { BUILTIN_JOBS } from "./src/protocol/jobs.ts";
                 export { PLOT_STATES } from "./src/protocol/types.ts";
                 export { BACKENDS } from "./src/ui/bokeh/backends.ts";`,
      resolveDir: ".",
      loader: "ts",
    },
    bundle: true,
    format: "esm",
    write: false,
  });
  const { BUILTIN_JOBS, PLOT_STATES, BACKENDS } = await import(`data:text/javascript,${encodeURIComponent(outputFiles[0].text)}`);
  const union = (names) => names.map((name) => JSON.stringify(name)).join(" | ");
  return {
    // A module URL is any other text: `string` stays in the union.
    BuiltinJob: `${union(BUILTIN_JOBS)} | string`,
    Backend: union(BACKENDS),
    PlotState: union(PLOT_STATES),
  };
}

/** A type as written in the source, with the named unions above spelled out. */
function spelledOut(text, unions) {
  return text
    .replace("BuiltinJob | (string & {})", unions.BuiltinJob)
    .replace(/\b(Backend|PlotState)\b/g, (name) => unions[name]);
}

function publicSurface(manifest, unions) {
  for (const module of manifest.modules) {
    module.path = "dist/live-plot.js";
    for (const declaration of module.declarations) {
      if (declaration.kind !== "class") continue;
      const hidden = new Set(declaration.members.filter((m) => m.privacy === "private" || m.privacy === "protected").map((m) => m.name));
      const seen = new Set();
      declaration.members = declaration.members.filter((member) => {
        // A static accessor pair comes as two fields; the first holds the JSDoc.
        const key = `${member.static ? "static " : ""}${member.name}`;
        if (hidden.has(member.name) || seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      declaration.attributes = declaration.attributes.filter((a) => !hidden.has(a.fieldName));
      for (const item of [...declaration.members, ...declaration.attributes, ...declaration.events]) {
        if (item.type) item.type.text = spelledOut(item.type.text, unions);
      }
      // An attribute is there or not: what it holds when there is never undefined.
      for (const attribute of declaration.attributes) attribute.type.text = attribute.type.text.replace(/ \| undefined$/, "");
      for (const member of declaration.members) {
        // The setter takes more than the getter gives (the attribute's JSON text; null clears).
        if (member.name === "params") member.type.text = "Record<string, unknown> | string | null";
        if (member.name === "stats") member.type.text = "PlotStats (set: boolean | string | null)";
      }
      // The attribute holds JSON text.
      const params = declaration.attributes.find((a) => a.name === "params");
      if (params) params.type = { text: "string" };
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

function elementOf(manifest) {
  return manifest.modules.flatMap((module) => module.declarations).find((declaration) => declaration.tagName === "live-plot");
}

/** The quoted names of a union type's string members: `"a" | "b" | string` gives a, b. */
function literals(typeText) {
  return [...(typeText ?? "").matchAll(/"([^"]+)"/g)].map((match) => match[1]);
}

const isBoolean = (attribute) => attribute.type?.text === "boolean";

/** VS Code's custom HTML data (html.customData): the tag, its attributes and their values. */
function vsCodeCustomData(element) {
  return {
    $schema: "https://raw.githubusercontent.com/microsoft/vscode-html-languageservice/main/docs/customData.schema.json",
    version: 1.1,
    tags: [
      {
        name: element.tagName,
        description: { kind: "markdown", value: `${element.summary}\n\n${eventsText(element)}` },
        attributes: element.attributes.map((attribute) => ({
          name: attribute.name,
          description: { kind: "markdown", value: attribute.description },
          // valueSet "v": an attribute written without a value.
          ...(isBoolean(attribute) ? { valueSet: "v" } : {}),
          ...(literals(attribute.type?.text).length ? { values: literals(attribute.type.text).map((name) => ({ name })) } : {}),
        })),
      },
    ],
  };
}

function eventsText(element) {
  return ["Events:", ...element.events.map((event) => `- \`${event.name}\` (\`${event.type.text}\`): ${event.description}`)].join("\n");
}

/** JetBrains' web-types: the element, its attributes (with value types), properties and events. */
function webTypes(element, name, version) {
  const events = element.events.map((event) => ({ name: event.name, description: `${event.description}\n\n\`${event.type.text}\`` }));
  return {
    $schema: "https://json.schemastore.org/web-types",
    name,
    version,
    "description-markup": "markdown",
    "js-types-syntax": "typescript",
    contributions: {
      html: {
        elements: [
          {
            name: element.tagName,
            description: element.summary,
            attributes: element.attributes.map((attribute) => ({
              name: attribute.name,
              description: attribute.description,
              value: isBoolean(attribute) ? { kind: "no-value" } : { type: attribute.type?.text ?? "string" },
            })),
            events,
            js: {
              properties: element.members
                .filter((member) => member.kind === "field" && !member.static)
                .map((member) => ({
                  name: member.name,
                  description: member.description,
                  type: member.type?.text,
                  ...(member.readonly ? { "read-only": true } : {}),
                })),
              events,
            },
          },
        ],
      },
      css: {
        properties: element.cssProperties.map(({ name, description }) => ({ name, description })),
        // Where JetBrains IDEs look for ::part() names.
        "pseudo-elements": element.cssParts.map(({ name, description }) => ({ name: `part(${name})`, description })),
      },
    },
  };
}
