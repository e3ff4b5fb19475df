// The recipe README gives for job modules: the module is an entry of its own, kept as an ES module
// with its exports (Vite drops an entry's exports unless told), at a fixed name the page can use.
import { fileURLToPath } from "node:url";

const here = (file) => fileURLToPath(new URL(file, import.meta.url));

export default {
  build: {
    rollupOptions: {
      input: { main: here("index.html"), walk: here("walk.ts") },
      preserveEntrySignatures: "exports-only",
      output: { entryFileNames: (chunk) => (chunk.name === "walk" ? "[name].js" : "assets/[name]-[hash].js") },
    },
  },
};
