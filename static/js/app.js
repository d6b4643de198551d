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

// Forms marked data-swap-422 send back a partial with the message by the field when an answer
// cannot be read (422). htmx 2 does not swap 4xx responses by default; swap these ones, and
// only these, so other forms keep htmx's default error handling.
document.addEventListener("htmx:beforeSwap", function (event) {
  var detail = event.detail;
  var source = detail.requestConfig && detail.requestConfig.elt;
  if (detail.xhr.status === 422 && source && source.closest && source.closest("[data-swap-422]")) {
    detail.shouldSwap = true;
    detail.isError = false;
  }
});

// htmx requests carry the session's CSRF token as a header (forms also have a hidden field).
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta && meta.content) event.detail.headers["X-CSRF-Token"] = meta.content;
});

// Keyboard shortcuts on pages that opt in with data-shortcuts: elements with
// data-key="…" are clicked when that key is pressed outside a text field.
(function () {
  "use strict";
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
    if (!document.querySelector("[data-shortcuts]")) return;
    if (typing(event.target)) {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    var key = event.key === " " ? "space" : event.key.toLowerCase();
    var button = document.querySelector('[data-shortcuts] [data-key="' + key + '"]:not([disabled])');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
  // After a swap, move focus into the new card so screen readers hear it.
  document.addEventListener("htmx:afterSwap", function (event) {
    var focusTarget = event.detail.target.querySelector("[data-autofocus]");
    if (focusTarget) focusTarget.focus();
  });
  // Record how long the learner looked at a card before rating it.
  document.addEventListener("htmx:configRequest", function (event) {
    var shownAt = document.querySelector("[data-shown-at]");
    if (shownAt && event.detail.parameters && "duration_ms" in event.detail.parameters) {
      event.detail.parameters.duration_ms = String(Date.now() - Number(shownAt.getAttribute("data-shown-at")));
    }
  });
})();

// Cards note when they were shown, for the review's duration.
(function () {
  "use strict";
  function stamp(root) {
    root.querySelectorAll("[data-card]").forEach(function (card) {
      card.setAttribute("data-shown-at", String(Date.now()));
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    stamp(document);
    if (window.htmx) window.htmx.onLoad(function (el) { if (el.querySelectorAll) stamp(el); });
  });
})();
