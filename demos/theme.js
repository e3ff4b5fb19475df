// The demos' light and dark themes: follows the system unless the visitor picked one (remembered).
// It runs before live-plot.js (module scripts run in order), so plots are built in the right colours;
// switching reloads the page, since a plot reads its colours when it is built.
const KEY = "live-plot-demo-theme";
const chosen = localStorage.getItem(KEY);
const dark = chosen ? chosen === "dark" : matchMedia("(prefers-color-scheme: dark)").matches;
document.documentElement.dataset.theme = dark ? "dark" : "light";

const button = document.createElement("button");
button.type = "button";
button.className = "theme-toggle";
button.textContent = dark ? "Light theme" : "Dark theme";
button.addEventListener("click", () => {
  localStorage.setItem(KEY, dark ? "light" : "dark");
  location.reload();
});
document.body.prepend(button);
