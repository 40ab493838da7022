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
})();
