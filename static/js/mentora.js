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

  // Focus after an htmx swap. New content may ask for the focus: data-focus-here (a new comment,
  // an opened panel's heading) wins over data-autofocus (a field with an error, an edit form).
  // Otherwise the focus stays where it is (search as you type), unless the swap removed the
  // element that had it: then it goes to the swapped content, or to the trigger's
  // data-focus-fallback, never back to the top of the page.
  function focusOn(element) {
    if (!element) return false;
    if (!element.matches("a[href], button, input, select, textarea, [tabindex]")) element.setAttribute("tabindex", "-1");
    element.removeAttribute("data-focus-here");
    element.focus();
    return true;
  }
  function wantsFocus(root) {
    if (!root || !root.querySelector) return null;
    var selector = "[data-focus-here]";
    var here = root.matches(selector) ? root : root.querySelector(selector);
    if (here) return here;
    selector = "[data-autofocus]";
    return root.matches(selector) ? root : root.querySelector(selector);
  }
  var swap = null;
  function finishSwap() {
    var done = swap;
    swap = null;
    markScrollingTables();
    if (!done) return;
    window.clearTimeout(done.timer);
    if (done.wanted && document.contains(done.wanted) && focusOn(done.wanted)) return;
    var lost = !done.focused || !document.contains(done.focused) || document.activeElement === document.body;
    if (!lost) return;
    var target = done.targetId && document.getElementById(done.targetId);
    if (!target && done.fallback) target = document.querySelector(done.fallback);
    focusOn(target || document.getElementById("main"));
  }
  document.addEventListener("htmx:beforeSwap", function (event) {
    var trigger = event.detail.requestConfig && event.detail.requestConfig.elt;
    var fallback = trigger && trigger.closest && trigger.closest("[data-focus-fallback]");
    if (swap) window.clearTimeout(swap.timer);
    swap = {
      focused: document.activeElement,
      targetId: event.detail.target && event.detail.target.id,
      fallback: fallback ? fallback.getAttribute("data-focus-fallback") : "",
      wanted: null,
      // A swap that removes its own target settles out of the document, where no event reaches
      // us; the timer finishes it then.
      timer: window.setTimeout(finishSwap, 100),
    };
  });
  document.addEventListener("htmx:load", function (event) {
    if (!swap) return;
    var wanted = wantsFocus(event.detail.elt);
    if (wanted && (!swap.wanted || wanted.hasAttribute("data-focus-here"))) swap.wanted = wanted;
  });
  document.addEventListener("htmx:afterSettle", finishSwap);

  // A page that opens with something to say (an error summary, a bulk result) starts there.
  document.addEventListener("DOMContentLoaded", function () {
    setUpHeader();
    markScrollingTables();
    var first = document.querySelector("[data-autofocus]");
    if (first) first.focus();
  });
  var resizing = null;
  window.addEventListener("resize", function () {
    if (resizing) window.clearTimeout(resizing);
    resizing = window.setTimeout(markScrollingTables, 100);
  });

  // Buttons that ask before doing something that cannot be undone.
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  }, true);

  // A print button where printing is offered (the page prints with its print stylesheet anyway).
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // A printed page holds everything: the histories folded on screen open for print.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("[data-print-open] details").forEach(function (details) {
      details.open = true;
    });
  });
})();
