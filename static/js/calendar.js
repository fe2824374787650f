// The calendar's event details panel. Selecting an event loads it into the panel (htmx); the
// panel's heading then takes the keyboard focus (mentora.js, data-focus-here) and the event is
// marked as the current one. The panel's Close button, or Escape inside it, empties the panel and
// gives the focus back to the event that opened it. Without JavaScript every event is a normal
// link to its own page.
(function () {
  "use strict";
  var placeholder = null;

  function panel() {
    return document.getElementById("event-details");
  }

  function close() {
    var details = panel();
    if (!details || placeholder === null) return;
    details.innerHTML = placeholder;
    var current = document.querySelector(".cal-event[aria-current]");
    if (current) {
      current.removeAttribute("aria-current");
      current.focus();
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    var details = panel();
    if (details) placeholder = details.innerHTML;
  });

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.target.id !== "event-details") return;
    var current = document.querySelector(".cal-event[aria-current]");
    if (current) current.removeAttribute("aria-current");
    var trigger = event.detail && event.detail.requestConfig && event.detail.requestConfig.elt;
    if (trigger && trigger.classList && trigger.classList.contains("cal-event")) {
      trigger.setAttribute("aria-current", "true");
    }
  });

  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-close-panel]")) close();
  });

  document.addEventListener("keydown", function (event) {
    var details = panel();
    if (event.key === "Escape" && details && details.contains(document.activeElement)) close();
  });
})();
