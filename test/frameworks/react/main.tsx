// A React 19 app using <live-plot> as README says, built by Vite (test/browser/frameworks.test.mjs).
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
