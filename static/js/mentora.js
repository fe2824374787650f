// Small behaviours that need no framework. Everything works without this file.
(function () {
  "use strict";

  // The header stays on one line. When its entries do not fit, they fold behind the menu button.
  function setUpHeader() {
    var header = document.querySelector(".site-header");
    if (!header) return;
    var toggle = header.querySelector(".nav-toggle");
    var inner = header.querySelector(".site-header__inner");
    var nav = header.querySelector(".main-nav");
    if (!toggle || !inner) {
      header.classList.add("site-header--ready");
      return;
    }
    function setOpen(open) {
      header.classList.toggle("site-header--open", open);
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
    }
    // Three layouts, the first that fits: one line; the navigation on a row of its own under the
    // brand and account (a staff member with many entries on a desktop); folded behind the button.
    function overflowing(element) {
      return element.scrollWidth > element.clientWidth + 1;
    }
    function fit() {
      header.classList.add("site-header--ready");
      header.classList.remove("site-header--folded", "site-header--two-rows");
      header.classList.add("site-header--measuring");
      toggle.hidden = true;
      var layout = "one-line";
      if (overflowing(inner) || (nav && overflowing(nav))) {
        header.classList.add("site-header--two-rows");
        layout = nav && !overflowing(nav) && !overflowing(inner) ? "two-rows" : "folded";
      }
      header.classList.remove("site-header--measuring");
      header.classList.toggle("site-header--two-rows", layout === "two-rows");
      header.classList.toggle("site-header--folded", layout === "folded");
      toggle.hidden = layout !== "folded";
      if (layout !== "folded") setOpen(false);
    }
    toggle.addEventListener("click", function () {
      setOpen(!header.classList.contains("site-header--open"));
    });
    header.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && header.classList.contains("site-header--open")) {
        setOpen(false);
        toggle.focus();
      }
    });
    var pending = null;
    window.addEventListener("resize", function () {
      if (pending) window.cancelAnimationFrame(pending);
      pending = window.requestAnimationFrame(fit);
    });
    fit();
  }

  // A table wider than its region scrolls inside it: say so above it, and make the region a named,
  // focusable stop so that the keyboard can scroll it too.
  function tableName(wrap) {
    var caption = wrap.querySelector("caption");
    if (caption) return caption.textContent.trim();
    var table = wrap.querySelector("table[aria-label]");
    if (table) return table.getAttribute("aria-label");
    var node = wrap;
    while (node && node !== document.body) {
      var heading = node.previousElementSibling;
      while (heading) {
        if (/^H[1-6]$/.test(heading.tagName)) return heading.textContent.trim();
        heading = heading.previousElementSibling;
      }
      node = node.parentElement;
    }
    return document.title;
  }
  function markScrollingTables() {
    var hint = document.body.getAttribute("data-table-hint") || "";
    document.querySelectorAll(".table-wrap").forEach(function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      var note = wrap.previousElementSibling;
      var hasNote = note && note.classList.contains("table-hint");
      wrap.classList.toggle("table-wrap--scrolls", scrolls);
      if (scrolls) {
        wrap.tabIndex = 0;
        wrap.setAttribute("role", "group");
        wrap.setAttribute("aria-label", tableName(wrap));
        if (!hasNote && hint) {
          note = document.createElement("p");
          note.className = "table-hint";
          note.textContent = hint;
          wrap.parentNode.insertBefore(note, wrap);
        }
      } else {
        wrap.removeAttribute("tabindex");
        wrap.removeAttribute("role");
        wrap.removeAttribute("aria-label");
        if (hasNote) note.remove();
      }
    });
  }

  function focusErrorSummary(root) {
    var summary = root.querySelector("[data-autofocus]");
    if (summary) summary.focus();
  }
  document.addEventListener("DOMContentLoaded", function () {
    setUpHeader();
    markScrollingTables();
    focusErrorSummary(document);
  });
  var resizing = null;
  window.addEventListener("resize", function () {
    if (resizing) window.clearTimeout(resizing);
    resizing = window.setTimeout(markScrollingTables, 100);
  });
  document.addEventListener("htmx:afterSwap", function (event) {
    markScrollingTables();
    focusErrorSummary(event.target);
  });
  // Buttons that ask before doing something that cannot be undone.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);
})();
