// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // Skip link: move focus into main so the next Tab continues from the content.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".skip-link");
    if (!link) return;
    var target = document.getElementById("main");
    if (target) {
      target.focus();
    }
  });

  // Menu button (phones): without JavaScript a checkbox and its label open the menu; here it becomes
  // a real button that says whether the menu is open (aria-expanded) and closes with Escape.
  var toggle = document.getElementById("site-menu-toggle");
  var label = document.querySelector('label[for="site-menu-toggle"]');
  var menu = document.getElementById("site-menu");
  if (!toggle || !label || !menu) return;
  var button = document.createElement("button");
  button.type = "button";
  button.className = label.className;
  button.innerHTML = label.innerHTML;
  button.setAttribute("aria-controls", "site-menu");
  function setOpen(open) {
    button.setAttribute("aria-expanded", open ? "true" : "false");
    menu.classList.toggle("is-open", open);
  }
  setOpen(toggle.checked);
  label.parentNode.replaceChild(button, label);
  toggle.parentNode.removeChild(toggle);
  button.addEventListener("click", function () {
    setOpen(button.getAttribute("aria-expanded") !== "true");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true") {
      setOpen(false);
      button.focus();
    }
  });
})();
