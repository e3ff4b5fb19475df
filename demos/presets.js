// Preset buttons: set feed and kill on the plot live, and move the sliders to match.
for (const presets of document.querySelectorAll(".presets")) {
  const plot = document.getElementById(presets.dataset.for);
  presets.addEventListener("click", (event) => {
    const button = event.target.closest("button");
    if (!button) return;
    const values = { feed: Number(button.dataset.feed), kill: Number(button.dataset.kill) };
    plot.params = { ...plot.params, ...values };
    for (const [name, value] of Object.entries(values)) {
      const input = document.querySelector(`form[data-for="${plot.id}"] input[name="${name}"]`);
      if (input) {
        input.value = value;
        input.nextElementSibling.value = value;
      }
    }
  });
}
