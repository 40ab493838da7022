// Visitor tools without a reload. Without this file the buttons submit the form and the server
// sets the cookie; here text size and colour apply at once (ふりがな still reloads: it is made on the server).
(function () {
  "use strict";
  var COOKIES = { text: "a11y_text", colour: "a11y_colour" };
  var DEFAULTS = { text: "standard", colour: "white" };
  var YEAR = 60 * 60 * 24 * 365;

  function apply(name, value) {
    var body = document.body;
    Array.prototype.slice.call(body.classList).forEach(function (cls) {
      if (cls.indexOf("a11y-" + name + "-") === 0) body.classList.remove(cls);
    });
    // A chosen colour always gets its class: 白 chosen here overrides the system's dark setting.
    if (value !== DEFAULTS[name] || name === "colour") body.classList.add("a11y-" + name + "-" + value);
    document.cookie = COOKIES[name] + "=" + value + ";path=/;max-age=" + YEAR + ";samesite=lax";
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-visitor-tools]")) return;
    var button = event.submitter;
    if (!button || button.hasAttribute("data-reload") || !COOKIES[button.name]) return;
    event.preventDefault();
    apply(button.name, button.value);
    form.querySelectorAll('button[name="' + button.name + '"]').forEach(function (other) {
      other.setAttribute("aria-pressed", other === button ? "true" : "false");
    });
  });
})();
