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
    makeScrollersFocusable(root);
  }

  // Wide formulas and tables scroll sideways; keyboard users must be able to reach them.
  function makeScrollersFocusable(root) {
    // Display formulas are always reachable: their width changes once the math fonts load.
    root.querySelectorAll(".math.block, div.math").forEach(function (el) {
      if (!el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        el.setAttribute("role", "group");
        el.setAttribute("aria-label", "Formula");
      }
    });
    root.querySelectorAll("table, pre, .chart-box").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1 && !el.hasAttribute("tabindex")) {
        el.setAttribute("tabindex", "0");
        if (el.classList.contains("math")) el.setAttribute("aria-label", "Formula (scrolls sideways)");
        if (el.classList.contains("math")) el.setAttribute("role", "group");
      }
    });
  }

  window.Backprop = window.Backprop || {};
  window.Backprop.renderMath = renderMath;

  window.addEventListener("load", function () { makeScrollersFocusable(document); });
  window.addEventListener("resize", function () { makeScrollersFocusable(document); });
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

// Mock interviews: the countdown of [data-countdown]. The time left comes from the server's
// deadline and clock (data-deadline, data-server-now), so a reload resumes the real time and
// a wrong clock on this machine does not matter. At zero the answer form is submitted with
// whatever was typed. Drafts ([data-draft-key]) survive a reload of the tab.
(function () {
  "use strict";
  var MARKS = [[60, "One minute left."], [30, "30 seconds left."], [10, "10 seconds left."]];
  var running = null;

  function format(seconds) {
    var whole = Math.max(0, Math.ceil(seconds));
    var rest = whole % 60;
    return Math.floor(whole / 60) + ":" + (rest < 10 ? "0" : "") + rest;
  }

  function stop() {
    if (running) clearInterval(running.id);
    running = null;
  }

  function announce(message) {
    var region = document.querySelector("[data-countdown-announce]");
    if (region) region.textContent = message;
  }

  function submit(form) {
    if (!form || form.hasAttribute("data-submitted")) return;
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  function start(el) {
    if (running && running.el === el) return;
    stop();
    var deadline = Date.parse(el.getAttribute("data-deadline"));
    var offset = Date.parse(el.getAttribute("data-server-now")) - Date.now();
    if (isNaN(deadline) || isNaN(offset)) return;
    var text = el.querySelector("[data-countdown-text]") || el;
    var form = document.getElementById(el.getAttribute("data-form"));
    var left = function () { return (deadline - (Date.now() + offset)) / 1000; };
    var previous = left();
    var state = { el: el, id: 0 };
    function tick() {
      if (!document.body.contains(el)) { stop(); return; }
      var now = left();
      text.textContent = format(now);
      el.classList.toggle("is-low", now <= 10);
      MARKS.forEach(function (mark) {
        if (previous > mark[0] && now <= mark[0] && now > 0) announce(mark[1]);
      });
      previous = now;
      if (now <= 0) {
        stop();
        el.classList.add("is-up");
        announce("Time is up. Sending your answer.");
        submit(form);
      }
    }
    running = state;
    state.id = setInterval(tick, 250);
    tick();
  }

  function keep(field) {
    if (field.hasAttribute("data-draft-bound")) return;
    field.setAttribute("data-draft-bound", "");
    var key = "backprop:draft:" + field.getAttribute("data-draft-key");
    try {
      var saved = window.sessionStorage.getItem(key);
      if (saved && !field.value) field.value = saved;
    } catch (err) { /* storage may be off: drafts are a convenience */ }
    field.addEventListener("input", function () {
      try { window.sessionStorage.setItem(key, field.value); } catch (err) { /* ignore */ }
    });
  }

  function init(root) {
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll("[data-draft-key]").forEach(keep);
    var el = scope.querySelector("[data-countdown]");
    if (el) start(el);
  }

  // An answer on its way (button or timer) is not sent a second time by the timer.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("[data-mock-form]")) return;
    form.setAttribute("data-submitted", "");
    form.querySelectorAll("[data-draft-key]").forEach(function (field) {
      try { window.sessionStorage.removeItem("backprop:draft:" + field.getAttribute("data-draft-key")); } catch (err) { /* ignore */ }
    });
  });

  // Text typed before the field was bound (right after an htmx swap) is kept as well.
  window.addEventListener("pagehide", function () {
    document.querySelectorAll("[data-draft-key]").forEach(function (field) {
      var form = field.form;
      if (!field.value || (form && form.hasAttribute("data-submitted"))) return;
      try { window.sessionStorage.setItem("backprop:draft:" + field.getAttribute("data-draft-key"), field.value); } catch (err) { /* ignore */ }
    });
  });

  document.addEventListener("DOMContentLoaded", function () {
    init(document);
    if (window.htmx) window.htmx.onLoad(init);
  });
})();

// Mock pages: a block of Markdown that is wider than the screen (long math, a wide table)
// scrolls sideways; only then does it join the tab order, so keyboards can scroll it too.
(function () {
  "use strict";
  function mark(root) {
    var scope = root && root.querySelectorAll ? root : document;
    scope.querySelectorAll(".mock-scroll, .mock-scroll pre, .mock-scroll table, .mock-scroll .katex-display").forEach(function (el) {
      if (el.scrollWidth > el.clientWidth + 1) el.setAttribute("tabindex", "0");
      else el.removeAttribute("tabindex");
    });
  }
  var pending = 0;
  function later() {
    clearTimeout(pending);
    pending = setTimeout(function () { mark(document); }, 150);
  }
  document.addEventListener("DOMContentLoaded", function () {
    mark(document);
    if (window.htmx) window.htmx.onLoad(function (el) { mark(el); later(); });
  });
  // Widths change once KaTeX's fonts arrive, and with the window.
  if (document.fonts && document.fonts.addEventListener) document.fonts.addEventListener("loadingdone", later);
  window.addEventListener("resize", later);
})();

// admin (and any page after a login): a boosted navigation swaps only the body, so the head's
// CSRF token would stay that of the session the first page was loaded with (logging in starts
// a new session). Take the token of each full page htmx loads.
document.addEventListener("htmx:beforeSwap", function (event) {
  var text = event.detail.serverResponse;
  if (typeof text !== "string") return;
  var match = text.match(/<meta name="csrf-token" content="([^"]*)"/);
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (match && meta) meta.content = match[1];
});

// Form errors. A boosted form post answered 4xx (wrong password 401, taken email 409, invalid
// value 422, …) sends back the whole page with the message by the field and in a summary;
// htmx 2 drops 4xx responses by default, so swap these. Then move focus to the summary
// (role=alert), after a swap and on a page loaded with an error (no htmx, or a reload).
(function () {
  "use strict";
  document.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail;
    var status = detail.xhr.status;
    var text = detail.serverResponse;
    if (!detail.boosted || status < 400 || status > 499 || typeof text !== "string") return;
    if (text.indexOf('role="alert"') === -1) return;
    detail.shouldSwap = true;
    detail.isError = false;
  });
  function focusSummary(root, selector) {
    var scope = root && root.querySelector ? root : document;
    var summary = scope.querySelector(selector || "[data-error-summary]");
    if (!summary) return;
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    var status = event.detail.xhr && event.detail.xhr.status;
    if (event.detail.boosted && status >= 400 && status <= 499) {
      focusSummary(event.detail.elt, "[data-error-summary], main [role=alert]");
    } else {
      focusSummary(event.detail.elt);
    }
  });
  document.addEventListener("DOMContentLoaded", function () { focusSummary(document); });
  // A link in the summary moves focus to its field (not only scrolls to it).
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-error-summary] a[href^='#']");
    var field = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!field) return;
    event.preventDefault();
    field.focus();
  });
})();

// The learner's time zone: while the server still has the default (UTC), it asks for the
// browser's zone (a meta tag) and this sends it once; choosing a zone in settings (even UTC)
// stops it for this browser.
(function () {
  "use strict";
  var SENT = "backprop:zone-sent";
  function remembered() {
    try { return window.localStorage.getItem(SENT); } catch (err) { return "1"; }
  }
  function remember() {
    try { window.localStorage.setItem(SENT, "1"); } catch (err) { /* storage may be off */ }
  }
  function send() {
    var meta = document.querySelector('meta[name="browser-zone"]');
    var csrf = document.querySelector('meta[name="csrf-token"]');
    var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!meta || !zone || zone === "UTC" || remembered()) return;
    remember();
    fetch(meta.content, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-CSRF-Token": csrf ? csrf.content : "" },
      body: "timezone=" + encodeURIComponent(zone)
    }).catch(function () { /* offline: the default stays until settings are saved */ });
  }
  document.addEventListener("submit", function (event) {
    if (event.target.matches && event.target.matches("[data-zone-chosen]")) remember();
  });
  document.addEventListener("DOMContentLoaded", send);
})();

// A button marked formnovalidate ("I don't know — show the solution") sends the form even
// with a required box empty; htmx validates the form itself, so lift `required` first.
document.addEventListener("click", function (event) {
  var button = event.target.closest && event.target.closest("button[formnovalidate]");
  if (!button || !button.form) return;
  button.form.querySelectorAll("[required]").forEach(function (field) { field.removeAttribute("required"); });
});
