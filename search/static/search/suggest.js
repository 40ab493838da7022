/* As-you-type suggestions for the header search box: the ARIA 1.2 combobox pattern (list autocomplete).
   Without JavaScript the box is a plain search form; with it, typing shows FAQ questions and page
   titles. ↓/↑ move through the options, Enter opens the chosen one (or searches), Esc closes the
   list, and a polite status message tells screen reader users how many suggestions there are. */
(function () {
  "use strict";

  function init(form) {
    var input = form.querySelector(".site-search__input");
    var listbox = form.querySelector(".site-search__listbox");
    var status = form.querySelector("[role=status]");
    var url = form.getAttribute("data-suggest-url");
    if (!input || !listbox || !url || !window.fetch) { return; }

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    var active = -1;
    var timer = null;
    var lastQuery = "";
    var controller = null;

    function options() { return listbox.querySelectorAll("[role=option]"); }

    function close() {
      listbox.hidden = true;
      listbox.innerHTML = "";
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      var items = options();
      if (!items.length) { return; }
      if (index < 0) { index = items.length - 1; }
      if (index >= items.length) { index = 0; }
      for (var i = 0; i < items.length; i++) { items[i].setAttribute("aria-selected", i === index ? "true" : "false"); }
      active = index;
      input.setAttribute("aria-activedescendant", items[index].id);
      items[index].scrollIntoView({ block: "nearest" });
    }

    function render(data) {
      listbox.innerHTML = "";
      active = -1;
      input.removeAttribute("aria-activedescendant");
      var list = data.suggestions || [];
      list.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = listbox.id + "-option-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-url", item.url);
        var kind = document.createElement("span");
        kind.className = "site-search__kind";
        kind.textContent = item.kind;
        li.appendChild(kind);
        li.appendChild(document.createTextNode(item.title));
        li.addEventListener("mousedown", function (event) { event.preventDefault(); });
        li.addEventListener("click", function () { window.location.href = item.url; });
        listbox.appendChild(li);
      });
      var open = list.length > 0;
      listbox.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      status.textContent = open ? list.length + "件の候補があります。" : "";
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (!query) { close(); status.textContent = ""; return; }
      if (controller) { controller.abort(); }
      controller = window.AbortController ? new AbortController() : null;
      fetch(url + "?q=" + encodeURIComponent(query), { signal: controller ? controller.signal : undefined, headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === query) { render(data); } })
        .catch(function () { /* suggestions are optional: the search form still works */ });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(fetchSuggestions, 200);
    });
    // Input method (IME) composition: wait until the word is converted.
    input.addEventListener("compositionend", function () { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 50); });

    input.addEventListener("keydown", function (event) {
      if (event.isComposing) { return; }
      var open = !listbox.hidden;
      if (event.key === "ArrowDown") {
        if (!open) { lastQuery = ""; fetchSuggestions(); return; }
        event.preventDefault();
        highlight(active + 1);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        window.location.href = options()[active].getAttribute("data-url");
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });

    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  function start() {
    var forms = document.querySelectorAll("form.site-search[data-suggest-url]");
    for (var i = 0; i < forms.length; i++) { init(forms[i]); }
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
