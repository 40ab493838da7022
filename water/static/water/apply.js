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
