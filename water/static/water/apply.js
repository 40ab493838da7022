// Application form: move focus to the error summary so that screen readers announce it, and ignore a
// second click on 「この内容で申し込む」 (the server is safe against it too, this just avoids waiting twice).
(function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    var sent = false;
    form.addEventListener("submit", function (event) {
      if (sent) { event.preventDefault(); return; }
      sent = true;
    });
  });
})();
// The 使用中止 fields follow the chosen 申込種別: shown and marked 必須 for 使用中止, hidden otherwise.
// Without JavaScript they stay visible with 「（使用中止の場合は必須）」 in their labels.
(function () {
  var group = document.querySelector("[data-required-for]");
  var radios = document.querySelectorAll("input[name='application_type']");
  if (!group || !radios.length) return;
  function update() {
    var chosen = document.querySelector("input[name='application_type']:checked");
    var stop = chosen && chosen.value === group.getAttribute("data-required-for");
    group.hidden = Boolean(chosen) && !stop;
    group.querySelectorAll("[data-required-mark]").forEach(function (mark) {
      mark.textContent = stop ? "（必須）" : "（使用中止の場合は必須）";
    });
    group.querySelectorAll("input[type='text']").forEach(function (input) {
      if (stop) input.setAttribute("aria-required", "true"); else input.removeAttribute("aria-required");
    });
  }
  radios.forEach(function (radio) { radio.addEventListener("change", update); });
  update();
})();
