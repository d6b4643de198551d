// Backprop front-end glue: render math with KaTeX after every page load and htmx swap.
(function () {
  "use strict";

  function renderMath(root) {
    if (!window.katex) return;
    root.querySelectorAll(".math:not([data-rendered])").forEach(function (el) {
      var display = el.classList.contains("block") || el.tagName === "DIV";
      try {
        window.katex.render(el.textContent, el, { displayMode: display, throwOnError: false });
      } catch (err) {
        // Leave the TeX source visible rather than lose the content.
      }
      el.setAttribute("data-rendered", "");
    });
  }

  window.Backprop = window.Backprop || {};
  window.Backprop.renderMath = renderMath;

  document.addEventListener("DOMContentLoaded", function () {
    renderMath(document);
    if (window.htmx) {
      window.htmx.onLoad(function (el) { renderMath(el); });
    }
  });
})();
