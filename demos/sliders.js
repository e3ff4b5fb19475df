// Binds each <form class="sliders" data-for="ID"> to the params of <live-plot id="ID">: moving a
// slider sets that parameter live.
for (const form of document.querySelectorAll("form.sliders")) {
  const plot = document.getElementById(form.dataset.for);
  form.addEventListener("input", (event) => {
    const input = event.target;
    input.nextElementSibling.value = input.value;
    plot.params = { ...plot.params, [input.name]: Number(input.value) };
  });
}
